"""Editors in the Wagtail admin: registrations, announced changes, messages, days."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events import services
from events.models import (
    DayAdoption,
    EnvironmentalDay,
    EventChange,
    EventPage,
    Registration,
)
from home.schools import editors_group_name, moderators_group_name

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def take(event, name="Anna Bērziņa", email="anna@example.com", participants=1):
    return services.register(
        event,
        services.RegistrationData(
            name=name, email=email, organisation="Skola", participants=participants
        ),
    )


@pytest.fixture
def moderator(school, django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@lit.example", "pw")
    user.groups.add(Group.objects.get(name=moderators_group_name("lit")))
    return user


@pytest.fixture
def editor(school, django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@lit.example", "pw")
    user.groups.add(Group.objects.get(name=editors_group_name("lit")))
    return user


def test_registrations_are_listed_searched_and_filtered(client, admin_user, workshop):
    take(workshop, "Anna Bērziņa", "anna@example.com")
    cancelled = take(workshop, "Jānis Ozols", "janis@example.com")
    services.cancel(cancelled)
    client.force_login(admin_user)
    url = reverse("event_registrations:index")

    everyone = client.get(url).content.decode()
    searched = client.get(url, {"q": "Ozols"}).content.decode()
    confirmed = client.get(url, {"status": "confirmed"}).content.decode()

    assert "Anna Bērziņa" in everyone and "Jānis Ozols" in everyone
    assert "Jānis Ozols" in searched and "Anna Bērziņa" not in searched
    assert "Anna Bērziņa" in confirmed and "Jānis Ozols" not in confirmed


def test_csv_export_neutralises_spreadsheet_formulas(client, admin_user, workshop):
    take(workshop, '=HYPERLINK("http://evil")', "anna@example.com")
    client.force_login(admin_user)

    response = client.get(reverse("event_registrations:index"), {"export": "csv"})

    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'


def test_xlsx_export_keeps_formulas_as_text(client, admin_user, workshop):
    take(workshop, "+SUM(1,2)", "anna@example.com")
    client.force_login(admin_user)

    response = client.get(reverse("event_registrations:index"), {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert names == ["'+SUM(1,2)"]
    assert sheet.cell(row=2, column=2).data_type == "s"


def test_editor_adds_a_registration_by_hand_and_seats_are_counted(
    client, moderator, workshop, django_capture_on_commit_callbacks
):
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("event_registrations:add"),
            {
                "event": workshop.pk,
                "name": "Pa telefonu",
                "email": "phone@example.com",
                "organisation": "Skola",
                "participants": "3",
                "note": "",
            },
        )

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.added_by == moderator
    assert registration.status == "confirmed"
    assert workshop.canonical.seats_left == 17


def test_editor_marks_attendance(client, moderator, workshop):
    registration = take(workshop)
    client.force_login(moderator)

    client.post(
        reverse("event_registrations:edit", args=[registration.pk]),
        {"attended": "true", "note": ""},
    )

    registration.refresh_from_db()
    assert registration.attended is True


def test_editor_of_another_school_sees_no_registrations(
    client, workshop, other_school, django_user_model
):
    outsider = django_user_model.objects.create_user("lvt", "e@lvt.example", "pw")
    outsider.groups.add(Group.objects.get(name=editors_group_name("lvt")))
    take(workshop)
    client.force_login(outsider)

    html = client.get(reverse("event_registrations:index")).content.decode()

    assert "Anna Bērziņa" not in html


def test_announcing_a_new_time_tells_registrants_and_records_the_change(
    client, moderator, workshop, django_capture_on_commit_callbacks
):
    take(workshop)
    mail.outbox.clear()
    client.force_login(moderator)
    later = timezone.localtime(workshop.start) + datetime.timedelta(days=2)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events_change_event", args=[workshop.pk]),
            {
                "start": later.strftime("%Y-%m-%d %H:%M"),
                "end": (later + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
                "location_name": workshop.location_name,
                "location_address": workshop.location_address,
                "reason": "Zāle aizņemta",
            },
        )

    assert response.status_code == 302
    change = EventChange.objects.get()
    assert change.reason == "Zāle aizņemta" and change.sequence == 1
    event = EventPage.objects.get(pk=workshop.pk)
    assert event.start == later.replace(second=0)
    assert event.sequence == 1
    [notice] = mail.outbox
    assert notice.to == ["anna@example.com"]
    assert "Zāle aizņemta" in notice.body
    assert "SEQUENCE:1" in notice.attachments[0][1]


def test_a_change_needs_a_reason(client, moderator, workshop):
    client.force_login(moderator)

    response = client.post(
        reverse("events_change_event", args=[workshop.pk]),
        {"cancel_event": "on", "reason": ""},
    )

    assert response.status_code == 200
    assert not EventChange.objects.exists()
    assert EventPage.objects.get(pk=workshop.pk).status == "scheduled"


def test_editors_without_publish_rights_cannot_announce_changes(
    client, editor, workshop
):
    client.force_login(editor)

    response = client.get(reverse("events_change_event", args=[workshop.pk]))

    assert response.status_code in {302, 403}


def test_cancelling_sends_the_cancellation_with_status_cancelled(
    client, moderator, workshop, django_capture_on_commit_callbacks
):
    take(workshop)
    mail.outbox.clear()
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events_change_event", args=[workshop.pk]),
            {"cancel_event": "on", "reason": "Slimība"},
        )

    assert EventPage.objects.get(pk=workshop.pk).status == "cancelled"
    [notice] = mail.outbox
    assert "STATUS:CANCELLED" in notice.attachments[0][1]


def test_message_goes_to_every_active_registrant(
    client, moderator, workshop, django_capture_on_commit_callbacks
):
    take(workshop, email="a@example.com")
    take(workshop, email="b@example.com")
    services.cancel(take(workshop, email="gone@example.com"))
    mail.outbox.clear()
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events_message_registrants", args=[workshop.pk]),
            {"subject": "Līdzi ņemt", "body": "Lūdzu, paņemiet līdzi tukšas pudeles."},
        )

    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.com", "b@example.com"]
    assert all(m.subject == "Līdzi ņemt" for m in mail.outbox)


def test_adopting_a_day_creates_a_prefilled_draft_event(client, moderator, index):
    day = EnvironmentalDay.objects.create(
        name="Zemes diena",
        slug="zemes-diena",
        month=4,
        day=22,
        description="Pasaules diena planētai.",
    )
    client.force_login(moderator)

    response = client.post(
        reverse("events_adopt_day"),
        {"day": day.pk, "school": index.get_parent().pk, "year": 2027},
    )

    adoption = DayAdoption.objects.get()
    event = adoption.event
    assert response.status_code == 302
    assert event.get_parent().pk == index.pk
    assert not event.live
    assert event.event_type == "environmental_day"
    assert timezone.localtime(event.start).date() == datetime.date(2027, 4, 22)
    assert event.intro == "Pasaules diena planētai."
    again = client.post(
        reverse("events_adopt_day"),
        {"day": day.pk, "school": index.get_parent().pk, "year": 2027},
    )
    assert again.status_code == 200
    assert DayAdoption.objects.count() == 1


def test_change_form_shows_the_current_time_and_earlier_changes(
    client, moderator, workshop, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.change_event(
            workshop,
            user=admin_user,
            reason="Telpa remontā",
            location_name="Sporta zāle",
        )
    client.force_login(moderator)

    html = client.get(reverse("events_change_event", args=[workshop.pk])).content
    html = html.decode()

    assert 'name="reason"' in html
    assert "Telpa remontā" in html
    assert 'value="Sporta zāle"' in html
