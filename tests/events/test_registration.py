"""Registering through the event page: seats, waiting list, the personal link."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from events.models import Registration
from tests.events.conftest import registration_post


def linked_registrations(text):
    """The registrations whose personal links stand in `text`.

    Tokens are signed with the time, so one made a second later differs: the
    links are read back rather than compared with a fresh token.
    """
    tokens = re.findall(r"registration/([A-Za-z0-9_-]+)/", text)
    return {Registration.from_token(token) for token in tokens} - {None}


pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def register(client, event, capture, **overrides):
    with capture(execute=True):
        return client.post(event.url + "register/", registration_post(**overrides))


def test_event_page_shows_the_form_with_consent_and_privacy_link(client, workshop):
    html = client.get(workshop.url).content.decode()

    assert 'name="consent"' in html
    assert 'href="/privacy-notice/"' in html
    assert "20" in html  # seats left


def test_registering_confirms_and_shows_the_personal_link(
    client, workshop, django_capture_on_commit_callbacks
):
    response = register(client, workshop, django_capture_on_commit_callbacks)

    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.participants == 2
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert linked_registrations(page.content.decode()) == {registration}
    assert workshop.canonical.seats_left == 18


def test_confirmation_mail_carries_the_ics_in_the_registrants_language(
    client, workshop, workshop_en, django_capture_on_commit_callbacks
):
    register(client, workshop_en, django_capture_on_commit_callbacks)

    [confirmation, organiser] = mail.outbox
    assert confirmation.to == ["anna@example.com"]
    assert "Creative workshop for guests" in confirmation.subject
    assert "Eco-Schools portal" in confirmation.body
    filename, content, mimetype = confirmation.attachments[0]
    assert mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == workshop.uid
    assert organiser.to == ["organiser@lit.example"]
    # The registration is held by the Latvian event, in the English language.
    registration = Registration.objects.get()
    assert registration.event_id == workshop.pk
    assert registration.language == "en"


def test_latvian_registration_gets_a_latvian_mail(
    client, workshop, django_capture_on_commit_callbacks
):
    register(client, workshop, django_capture_on_commit_callbacks)

    confirmation = mail.outbox[0]
    assert "Radošā darbnīca viesiem" in confirmation.subject
    assert "Ekoskolu portāls" in confirmation.body
    month = timezone.localtime(workshop.start).month
    latvian_months = [
        "janvāris",
        "februāris",
        "marts",
        "aprīlis",
        "maijs",
        "jūnijs",
        "jūlijs",
        "augusts",
        "septembris",
        "oktobris",
        "novembris",
        "decembris",
    ]
    assert latvian_months[month - 1] in confirmation.body


def test_full_workshop_puts_next_registrant_on_waitlist(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    register(client, event, django_capture_on_commit_callbacks)
    register(
        client,
        event,
        django_capture_on_commit_callbacks,
        email="b@example.com",
        participants="1",
    )

    waiting = Registration.objects.get(email="b@example.com")
    assert waiting.status == "waitlisted"
    assert waiting.waitlist_position() == 1
    [notice] = [m for m in mail.outbox if m.to == ["b@example.com"]]
    assert notice.attachments == []
    assert linked_registrations(notice.body) == {waiting}


def test_cancelling_frees_the_seats_and_promotes_the_waitlist_in_order(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    register(client, event, django_capture_on_commit_callbacks, participants="2")
    register(
        client,
        event,
        django_capture_on_commit_callbacks,
        email="b@example.com",
        participants="1",
    )
    register(
        client,
        event,
        django_capture_on_commit_callbacks,
        email="c@example.com",
        participants="1",
    )
    first = Registration.objects.get(email="anna@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{event.url}registration/{first.token}/", {"action": "cancel"}
        )

    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "anna@example.com": "cancelled",
        "b@example.com": "confirmed",
        "c@example.com": "confirmed",
    }
    promoted = [m for m in mail.outbox if m.to == ["b@example.com"]][-1]
    assert promoted.attachments


def test_waitlist_is_not_jumped_by_a_smaller_registration(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=3)
    register(client, event, django_capture_on_commit_callbacks, participants="2")
    register(
        client,
        event,
        django_capture_on_commit_callbacks,
        email="b@example.com",
        participants="3",
    )
    register(
        client,
        event,
        django_capture_on_commit_callbacks,
        email="c@example.com",
        participants="1",
    )

    assert Registration.objects.get(email="c@example.com").status == "waitlisted"


def test_personal_link_changes_the_number_of_participants(
    client, workshop, django_capture_on_commit_callbacks
):
    register(client, workshop, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()

    response = client.post(
        f"{workshop.url}registration/{registration.token}/",
        {"action": "change", "participants": "4"},
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.participants == 4
    assert workshop.canonical.seats_left == 16


def test_personal_link_refuses_more_participants_than_free_seats(
    client, make_event, english, django_capture_on_commit_callbacks
):
    event = english(make_event(capacity=3))
    register(client, event, django_capture_on_commit_callbacks, participants="2")
    registration = Registration.objects.get()

    response = client.post(
        f"{event.url}registration/{registration.token}/",
        {"action": "change", "participants": "5"},
    )

    assert response.status_code == 400
    assert "Only 1 more seat is free." in response.content.decode()
    registration.refresh_from_db()
    assert registration.participants == 2


def test_erasing_through_the_link_removes_the_personal_data_and_frees_seats(
    client, workshop, django_capture_on_commit_callbacks
):
    register(client, workshop, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    token = registration.token

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{workshop.url}registration/{token}/", {"action": "erase"})

    registration.refresh_from_db()
    assert registration.email == ""
    assert registration.name == "—"
    assert registration.status == "cancelled"
    assert registration.anonymised_at is not None
    assert workshop.canonical.seats_left == 20
    assert client.get(f"{workshop.url}registration/{token}/").status_code == 404


def test_a_forged_link_shows_nothing(
    client, workshop, django_capture_on_commit_callbacks
):
    register(client, workshop, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    forged = registration.token[:-3] + "AAA"

    response = client.get(f"{workshop.url}registration/{forged}/")

    assert response.status_code == 404
    assert "anna@example.com" not in response.content.decode()


# Bad input: a clear message, nothing saved ------------------------------------


def refused(response, text):
    html = response.content.decode()
    assert response.status_code in {400, 413, 429}, html[-500:]
    assert text in html, html[-3000:]
    assert not Registration.objects.exists()


def test_invalid_email_is_refused(
    client, workshop_en, django_capture_on_commit_callbacks
):
    response = register(
        client, workshop_en, django_capture_on_commit_callbacks, email="anna@"
    )

    refused(response, "Enter a valid email address.")
    assert 'aria-describedby="id_email_error"' in response.content.decode()


@pytest.mark.parametrize("participants", ["0", "-3"])
def test_zero_or_negative_participants_are_refused(
    client, workshop_en, participants, django_capture_on_commit_callbacks
):
    response = register(
        client,
        workshop_en,
        django_capture_on_commit_callbacks,
        participants=participants,
    )

    refused(response, "Register at least one participant.")


def test_too_many_participants_are_refused(
    client, workshop_en, django_capture_on_commit_callbacks
):
    response = register(
        client, workshop_en, django_capture_on_commit_callbacks, participants="6"
    )

    refused(response, "One registration can have at most 5 participants.")


def test_non_numeric_participants_are_refused(
    client, workshop_en, django_capture_on_commit_callbacks
):
    response = register(
        client, workshop_en, django_capture_on_commit_callbacks, participants="two"
    )

    refused(response, "Enter the number of participants as digits.")


def test_registration_not_yet_open_is_refused(
    client, make_event, english, django_capture_on_commit_callbacks
):
    event = make_event(
        registration_opens_at=timezone.now() + datetime.timedelta(days=2)
    )
    event = english(event)

    response = register(client, event, django_capture_on_commit_callbacks)

    refused(response, "Registration has not opened yet.")


def test_closed_registration_is_refused(
    client, make_event, english, django_capture_on_commit_callbacks
):
    event = make_event(
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    event = english(event)

    response = register(client, event, django_capture_on_commit_callbacks)

    refused(response, "Registration is closed.")


def test_full_event_without_waitlist_is_refused(
    client, make_event, english, django_capture_on_commit_callbacks
):
    event = english(make_event(capacity=2, waitlist_enabled=False))
    register(client, event, django_capture_on_commit_callbacks, participants="2")

    response = register(
        client, event, django_capture_on_commit_callbacks, email="b@example.com"
    )

    assert response.status_code == 400
    assert (
        "All seats are taken and there is no waiting list." in response.content.decode()
    )
    assert Registration.objects.count() == 1


def test_the_same_email_twice_is_refused(
    client, workshop_en, django_capture_on_commit_callbacks
):
    register(client, workshop_en, django_capture_on_commit_callbacks)

    response = register(
        client,
        workshop_en,
        django_capture_on_commit_callbacks,
        email="Anna@Example.com",
    )

    assert response.status_code == 400
    assert (
        "This e-mail address is already registered for this event."
        in response.content.decode()
    )
    assert Registration.objects.count() == 1


def test_honeypot_filled_by_a_bot_gets_the_event_page_and_nothing_is_saved(
    client, workshop_en, django_capture_on_commit_callbacks
):
    response = register(
        client,
        workshop_en,
        django_capture_on_commit_callbacks,
        website="http://spam.example",
    )

    assert response.status_code == 302
    assert response["Location"] == workshop_en.url
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_missing_consent_is_refused(
    client, workshop_en, django_capture_on_commit_callbacks
):
    response = register(
        client, workshop_en, django_capture_on_commit_callbacks, consent=""
    )

    refused(response, "Registration needs your consent to process the data.")


def test_too_many_registrations_a_minute_get_429_with_the_form_kept(
    client, workshop_en, settings, django_capture_on_commit_callbacks
):
    settings.EVENTS_SUBMISSIONS_PER_MINUTE = 3
    for number in range(3):
        register(
            client,
            workshop_en,
            django_capture_on_commit_callbacks,
            email=f"teacher{number}@example.com",
            participants="1",
        )

    response = register(
        client, workshop_en, django_capture_on_commit_callbacks, name="Cits Vārds"
    )

    html = response.content.decode()
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "Too many forms were sent from your address." in html
    assert 'value="Cits Vārds"' in html
    assert Registration.objects.count() == 3


def test_oversized_post_gets_413(
    client, workshop_en, django_capture_on_commit_callbacks
):
    response = register(
        client, workshop_en, django_capture_on_commit_callbacks, note="x" * 30_000
    )

    refused(response, "The form is too large to be accepted.")
    assert response.status_code == 413


def test_malformed_post_gets_400(client, workshop_en):
    response = client.post(
        workshop_en.url + "register/",
        data=b"{not a form",
        content_type="application/json",
    )

    refused(response, "The form could not be read.")


def test_null_bytes_in_a_field_are_refused(
    client, workshop_en, django_capture_on_commit_callbacks
):
    response = register(
        client, workshop_en, django_capture_on_commit_callbacks, name="An\x00na"
    )

    refused(response, "Null characters are not allowed.")


def test_extra_question_is_asked_and_its_answer_kept(
    client, workshop, django_capture_on_commit_callbacks
):
    from events.models import RegistrationQuestion

    question = RegistrationQuestion.objects.create(
        page=workshop, label="Ēdienu ierobežojumi", kind="text", required=True
    )
    html = client.get(workshop.url).content.decode()
    assert "Ēdienu ierobežojumi" in html

    missing = register(client, workshop, django_capture_on_commit_callbacks)
    assert missing.status_code == 400
    register(
        client,
        workshop,
        django_capture_on_commit_callbacks,
        **{f"question_{question.pk}": "Veģetārs"},
    )

    assert Registration.objects.get().answers == {"Ēdienu ierobežojumi": "Veģetārs"}
