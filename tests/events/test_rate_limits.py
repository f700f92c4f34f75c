"""The public forms' rate limit: only accepted submissions count, and a submission
over the limit gets its form back with what was typed in it."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from events.models import Registration, Subscription
from tests.events.conftest import registration_post

pytestmark = [pytest.mark.django_db]

HELD_BACK = "Too many forms were sent from your address."
HELD_BACK_LV = "No jūsu adreses nosūtīts pārāk daudz veidlapu."


def register(client, event, capture, **overrides):
    with capture(execute=True):
        return client.post(event.url + "register/", registration_post(**overrides))


def register_teachers(client, event, capture, count):
    """`count` accepted registrations from one address, one seat each."""
    for number in range(count):
        response = register(
            client,
            event,
            capture,
            name=f"Skolotājs {number}",
            email=f"teacher{number}@example.com",
            participants="1",
        )
        assert response.status_code == 302, response.content.decode()[-2000:]


def input_value(html, name):
    """The value that the input called `name` shows, or None without one."""
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', html)
    assert tag, f"no input {name}"
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return value.group(1) if value else None


def start_of_next_minute():
    now = timezone.now().replace(second=0, microsecond=0)
    return now + datetime.timedelta(minutes=1)


@override_settings(EVENTS_SUBMISSIONS_PER_MINUTE=3)
def test_forms_shown_again_with_errors_do_not_use_up_the_limit(
    client, workshop_en, django_capture_on_commit_callbacks
):
    corrections = [
        {"email": "anna@"},
        {"email": "anna@example", "consent": ""},
        {"participants": "two"},
        {"participants": "9"},
        {"name": ""},
    ]
    for mistake in corrections:
        response = register(
            client, workshop_en, django_capture_on_commit_callbacks, **mistake
        )
        assert response.status_code == 400
        assert "Please correct the following" in response.content.decode()

    response = register(client, workshop_en, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert Registration.objects.get().email == "anna@example.com"


@override_settings(EVENTS_SUBMISSIONS_PER_MINUTE=2)
def test_registration_over_the_limit_gets_429_with_what_was_typed_in_the_form(
    client, workshop_en, django_capture_on_commit_callbacks
):
    register_teachers(client, workshop_en, django_capture_on_commit_callbacks, 2)

    response = register(
        client,
        workshop_en,
        django_capture_on_commit_callbacks,
        name="Jānis Kalniņš",
        email="janis@example.com",
        note="Būsim ar autobusu.",
    )

    html = response.content.decode()
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    # The notice stands above the form, which still holds what was typed.
    assert html.index(HELD_BACK) < html.index('name="name"')
    assert input_value(html, "name") == "Jānis Kalniņš"
    assert input_value(html, "email") == "janis@example.com"
    assert "Būsim ar autobusu." in html
    assert "Please correct the following" not in html
    assert not Registration.objects.filter(email="janis@example.com").exists()
    assert not [m for m in mail.outbox if m.to == ["janis@example.com"]]


@pytest.mark.parametrize("limit", [1, 4])
def test_the_limit_follows_the_setting(
    client, workshop_en, limit, django_capture_on_commit_callbacks
):
    with override_settings(EVENTS_SUBMISSIONS_PER_MINUTE=limit):
        register_teachers(
            client, workshop_en, django_capture_on_commit_callbacks, limit
        )
        response = register(client, workshop_en, django_capture_on_commit_callbacks)

    assert response.status_code == 429
    assert Registration.objects.count() == limit


@override_settings(EVENTS_SUBMISSIONS_PER_MINUTE=1)
def test_the_count_starts_again_in_the_next_minute(
    client, workshop_en, django_capture_on_commit_callbacks
):
    minute = start_of_next_minute()
    with time_machine.travel(minute + datetime.timedelta(seconds=15), tick=False):
        register_teachers(client, workshop_en, django_capture_on_commit_callbacks, 1)
        held_back = register(client, workshop_en, django_capture_on_commit_callbacks)
    with time_machine.travel(minute + datetime.timedelta(seconds=61), tick=False):
        accepted = register(client, workshop_en, django_capture_on_commit_callbacks)

    assert held_back.status_code == 429
    assert held_back["Retry-After"] == "45"
    assert accepted.status_code == 302
    assert Registration.objects.filter(email="anna@example.com").exists()


@override_settings(EVENTS_SUBMISSIONS_PER_MINUTE=1)
def test_latvian_page_says_in_latvian_when_to_send_again(
    client, workshop, django_capture_on_commit_callbacks
):
    with time_machine.travel(start_of_next_minute(), tick=False):
        register_teachers(client, workshop, django_capture_on_commit_callbacks, 1)
        response = register(client, workshop, django_capture_on_commit_callbacks)

    html = response.content.decode()
    assert response.status_code == 429
    assert HELD_BACK_LV in html
    assert "nosūtiet to vēlreiz pēc 1 minūtes." in html


@override_settings(EVENTS_SUBMISSIONS_PER_MINUTE=2)
def test_oversized_posts_use_up_the_limit(
    client, workshop_en, django_capture_on_commit_callbacks
):
    for _ in range(2):
        response = register(
            client, workshop_en, django_capture_on_commit_callbacks, note="x" * 30_000
        )
        assert response.status_code == 413

    response = register(client, workshop_en, django_capture_on_commit_callbacks)

    assert response.status_code == 429
    assert input_value(response.content.decode(), "email") == "anna@example.com"
    assert not Registration.objects.exists()


@override_settings(EVENTS_SUBMISSIONS_PER_MINUTE=1)
def test_subscription_over_the_limit_gets_429_with_the_email_kept(
    client, index, django_capture_on_commit_callbacks
):
    def subscribe(email):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(index.url + "subscribe/", {"email": email})

    assert subscribe("x@").status_code == 400
    assert subscribe("pirmais@example.com").status_code == 200

    response = subscribe("otrais@example.com")

    html = response.content.decode()
    assert response.status_code == 429
    assert "Retry-After" in response
    assert HELD_BACK_LV in html
    assert input_value(html, "email") == "otrais@example.com"
    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "pirmais@example.com"
    ]


@override_settings(EVENTS_SUBMISSIONS_PER_MINUTE=1)
def test_personal_link_over_the_limit_keeps_the_changed_number(
    client, workshop_en, django_capture_on_commit_callbacks
):
    register(client, workshop_en, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    link = f"{workshop_en.url}registration/{registration.token}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"action": "change", "participants": "3"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"action": "change", "participants": "4"})

    html = response.content.decode()
    assert response.status_code == 429
    assert HELD_BACK in html
    assert input_value(html, "participants") == "4"
    registration.refresh_from_db()
    assert registration.participants == 3
