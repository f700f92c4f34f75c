"""The register of personal data: nothing of a person stays longer than the notice says.

One person registers for a workshop, subscribes to new events (once confirmed and
unsubscribed, once never confirmed), shares a story, answers a survey invitation,
mistypes a password and searches for their own name. After the retention run with
the clock past every period, or at once after they erase their registration
through its personal link, neither their address nor their name is in any column
of any table, in the media folder, in the mail folder or in the search index.
"""

import datetime
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.test import override_settings
from django.test.utils import isolate_apps
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from events import services
from events.models import EventIndexPage, EventPage, Registration, Subscription
from home import personal_data
from home.demo import load_legal_pages
from notifications.models import OutboxMessage
from stories.models import GoodPracticeStoryPage, StoryIndexPage
from surveys.invitations import create_invitations, token_for
from surveys.models import ReportIndexPage
from tests.events.conftest import registration_post
from tests.factories import EventPageFactory, SurveyPageFactory, section
from tests.network import staff_member

pytestmark = pytest.mark.django_db

EMAIL = "vizbulite.kerpja.q7@example.lv"
NAME = "Vizbulīte Zaļkalne-Ķērpja"
NEEDLES = (EMAIL, NAME, "Vizbulīte", "Zaļkalne-Ķērpja")
HOST = "lit.localhost"
NO_TRACES = {"database": [], "media": [], "mail": [], "index": []}


# What a person leaves behind ---------------------------------------------------


def forms_of(needle):
    """The needle as text, and as JSON writes it with its letters escaped."""
    return {needle.casefold(), json.dumps(needle)[1:-1].casefold()}


def found_in(text):
    folded = text.casefold()
    return sorted(n for n in NEEDLES if any(form in folded for form in forms_of(n)))


def database_traces():
    """(table, column, needle) for every value in the database naming the person."""
    traces = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            try:
                columns = [
                    column.name
                    for column in connection.introspection.get_table_description(
                        cursor, table
                    )
                ]
            except Exception:  # noqa: BLE001 - a virtual table without a description
                columns = None
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - names from the db
            names = columns or [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(names, row, strict=False):
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if isinstance(value, str):
                        traces += [(table, column, n) for n in found_in(value)]
    return traces


def folder_traces(folder):
    traces = []
    for path in Path(folder).rglob("*") if Path(folder).exists() else []:
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            if path.suffix == ".eml":
                text += personal_data.mail_text(path)
            traces += [(path.name, n) for n in found_in(text)]
    return traces


def index_traces():
    backend = get_search_backend()
    return [
        (model.__name__, needle)
        for model in (GoodPracticeStoryPage, EventPage)
        for needle in NEEDLES
        if list(backend.search(needle, model))
    ]


def all_traces(settings):
    return {
        "database": database_traces(),
        "media": folder_traces(settings.MEDIA_ROOT),
        "mail": folder_traces(settings.EMAIL_FILE_PATH),
        "index": index_traces(),
    }


# The person's doings -------------------------------------------------------------


def local(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def mail_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "notifications.mail.EmlFileBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return Path(settings.EMAIL_FILE_PATH)


def make_workshop(school):
    """A workshop at the school, whose organiser hears of each registration."""
    return EventPageFactory(
        parent=section(school, EventIndexPage),
        organiser_email="organizators@lit.example",
        organiser_notice="each",
        location_name="",
        location_address="",
    )


@pytest.fixture
def person(network, mail_folder, client, django_capture_on_commit_callbacks):
    """Everything the person does; returns the personal link of the registration."""
    capture = django_capture_on_commit_callbacks
    lit, lvt = network["lit"], network["lvt"]
    staff_member(lit, "moderator", email="moderatore@lit.example")

    def post(url, data, host=HOST):
        with capture(execute=True):
            response = client.post(local(url), data, HTTP_HOST=host)
        assert response.status_code in (200, 302), response.content.decode()[:500]
        return response

    workshop = make_workshop(lit)
    post(
        workshop.url + "register/",
        registration_post(name=NAME, email=EMAIL, note=f"Ar mani būs {NAME} klase."),
    )
    manage_url = Registration.objects.get(email=EMAIL).manage_url()

    # Subscribed to LIT's events, confirmed, then unsubscribed; to LVT's, never
    # confirmed.
    post(
        EventIndexPage.objects.child_of(lit).get().url + "subscribe/", {"email": EMAIL}
    )
    token = Subscription.objects.get(email=EMAIL).token
    post(f"/subscriptions/{token}/confirm/", {})
    post(f"/subscriptions/{token}/unsubscribe/", {})
    post(
        EventIndexPage.objects.child_of(lvt).get().url + "subscribe/", {"email": EMAIL}
    )

    # A story shared through the public form, waiting for moderation.
    post(
        StoryIndexPage.objects.child_of(lit).get().url + "submit/",
        {
            "school_name": "Rēzeknes 5. vidusskola",
            "country": "LV",
            "contact_name": NAME,
            "contact_email": EMAIL,
            "title": "Kompostēšana skolas dārzā",
            "intro": "Virtuves atkritumus kompostējam un izmantojam dobēs.",
            "theme": "waste",
            "audience": "primary",
            "problem": "Ēdnīcas atkritumi nonāca sadzīves atkritumos.",
            "what_was_done": "Uzbūvējām trīs kompostkastes.",
            "results": "400 kg mazāk atkritumu gadā.",
            "consent": "on",
            "website": "",
        },
    )

    # A survey invitation, answered through its link.
    survey = SurveyPageFactory(
        parent=section(lit, ReportIndexPage), invitation_only=True
    )
    with capture(execute=True):
        [invitation] = create_invitations(survey, "students", [EMAIL])
    token = token_for(invitation)
    post(
        survey.url,
        {
            "dripping_taps": "yes",
            "drinking_water": "1",
            "rainwater_use": ["1", "2"],
            "tap_water_trust": "4",
            "ideas": "Sensoru krāni",
            "invitation": token,
        },
    )

    # A wrong password under their address, and a search for their own name.
    client.post("/admin/login/", {"username": EMAIL, "password": "nepareizi"})
    client.get("/search/", {"query": NAME})
    return manage_url


def test_the_dump_finds_the_person_before_the_rules_run(person, settings):
    traces = all_traces(settings)

    tables = {table for table, _column, _needle in traces["database"]}
    assert {
        "events_registration",
        "events_subscription",
        "notifications_outboxmessage",
        "stories_goodpracticestorypage",
        "surveys_invitation",
        "wagtailcore_revision",
        "axes_accessattempt",
        "wagtailsearchpromotions_query",
    } <= tables
    assert traces["mail"]


def test_nothing_of_the_person_stays_past_the_periods(person, settings):
    later = timezone.now() + datetime.timedelta(days=400)
    with time_machine.travel(later):
        done = personal_data.apply_retention()

    assert done["events.registrations"] == 1
    assert all_traces(settings) == {
        "database": [],
        "media": [],
        "mail": [],
        "index": [],
    }


def test_erasure_through_the_personal_link_removes_the_person_at_once(
    person, client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            local(person), {"action": "erase"}, HTTP_HOST=HOST, follow=True
        )

    assert response.status_code == 200
    assert all_traces(settings) == {
        "database": [],
        "media": [],
        "mail": [],
        "index": [],
    }
    # What the notice says stays: the cancelled seats, without a name.
    registration = Registration.objects.get()
    assert (registration.status, registration.participants) == ("cancelled", 2)
    assert (registration.name, registration.email) == ("—", "")


# The register's check -----------------------------------------------------------


def test_every_field_that_looks_personal_is_registered_or_allowed():
    assert personal_data.unregistered_fields() == []


@isolate_apps("home")
def test_a_new_model_with_an_unregistered_e_mail_fails_the_check():
    class Volunteer(models.Model):
        contact_email = models.EmailField()
        shifts = models.PositiveSmallIntegerField()

        class Meta:
            app_label = "home"

        def __str__(self):
            return self.contact_email

    assert personal_data.unregistered_fields([Volunteer]) == [
        ("home.Volunteer", "contact_email")
    ]


# The notice follows the settings ------------------------------------------------


@override_settings(MAIL_DELIVERY_LOG_DAYS=12, UNCONFIRMED_SUBSCRIPTION_DAYS=3)
def test_privacy_notice_shows_the_periods_of_the_settings(client, network):
    load_legal_pages()

    english = client.get("/en/privacy/").content.decode()
    latvian = client.get("/privatums/").content.decode()

    assert "removed 12 days after it was sent" in english
    assert "deleted 3 days after it was made if you did not confirm it" in english
    assert "12 dienas pēc nosūtīšanas" in latvian
    assert "3 dienas pēc izveides" in latvian


# The admin report and the export ------------------------------------------------


@pytest.fixture
def registered(network, django_capture_on_commit_callbacks):
    workshop = make_workshop(network["lit"])
    with django_capture_on_commit_callbacks(execute=True):
        services.register(
            workshop,
            services.RegistrationData(
                name=NAME,
                email=EMAIL,
                organisation="Rēzeknes 5. vidusskola",
                participants=2,
            ),
        )
    return workshop


def report_row(html, label):
    """The cells of the report's row for one register entry."""
    row = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    return re.findall(r"<td>(.*?)</td>", row.group(1), re.S)


def test_school_editors_see_how_much_personal_data_their_school_holds(
    client, registered, make_member
):
    client.force_login(make_member("lit-redaktore", "lit editors"))
    lit_html = client.get("/admin/personal-data/").content.decode()
    client.force_login(make_member("lvt-redaktors", "lvt editors"))
    lvt_html = client.get("/admin/personal-data/").content.decode()

    assert "Latgales Industriālais tehnikums" in lit_html
    assert report_row(lit_html, "Reģistrācijas pasākumiem")[0] == "1"
    assert report_row(lvt_html, "Reģistrācijas pasākumiem")[0] == "0"
    assert "Nākamā anonimizēšana notiks" in lit_html
    assert "Personas datu eksports" not in lit_html


def test_the_network_operator_sees_the_whole_network(client, registered):
    operator = get_user_model().objects.create_superuser("operators", "op@lit.lv", "x")
    client.force_login(operator)

    html = client.get("/admin/personal-data/").content.decode()

    assert "visā tīklā" in html
    assert report_row(html, "Reģistrācijas pasākumiem")[0] == "1"
    assert report_row(html, "Neveiksmīgi pieteikšanās mēģinājumi")[0] == "0"


def test_only_the_network_operator_exports_a_persons_data(
    client, registered, make_member
):
    client.force_login(make_member("lit-redaktore", "lit editors"))
    refused = client.post("/admin/personal-data/export/", {"email": EMAIL})
    client.force_login(
        get_user_model().objects.create_superuser("operators", "op@lit.lv", "x")
    )
    response = client.post("/admin/personal-data/export/", {"email": EMAIL.upper()})

    # Wagtail turns the refusal into a redirect to the dashboard, with no file.
    assert (refused.status_code, refused.url) == (302, "/admin/")
    assert not refused.has_header("Content-Disposition")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    [registration] = data["records"]["events.registrations"]
    assert (registration["name"], registration["email"]) == (NAME, EMAIL)
    assert data["records"]["notifications.outbox"][0]["template"] == (
        "events/mail/registration_confirmed"
    )


# The mail outbox ----------------------------------------------------------------


@override_settings(MAIL_DELIVERY_LOG_DAYS=30)
def test_a_sent_mail_keeps_its_address_only_for_the_delivery_log_period(registered):
    outbox = personal_data.entry("notifications.outbox")
    sent_at = OutboxMessage.objects.get(to_email=EMAIL).sent_at

    kept = outbox.expire(sent_at + datetime.timedelta(days=29))
    blanked = outbox.expire(sent_at + datetime.timedelta(days=31))

    assert (kept, blanked) == (0, 2)  # the person's confirmation, the organiser's
    message = OutboxMessage.objects.get(template="events/mail/registration_confirmed")
    assert (message.to_email, message.context, message.attachments) == ("", {}, [])
    assert (message.status, message.subject) == (OutboxMessage.Status.SENT, "")
