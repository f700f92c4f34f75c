"""Beat tasks: reminders, participant lists, digests and anonymisation."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from events import services, tasks
from events.models import Registration

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def take(event, email="anna@example.com", participants=1):
    return services.register(
        event,
        services.RegistrationData(
            name="Anna Bērziņa",
            email=email,
            organisation="Saskaņas pamatskola",
            participants=participants,
        ),
    )


@pytest.fixture
def booked(workshop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = take(workshop)
    mail.outbox.clear()
    return registration


def run_reminders(capture):
    with capture(execute=True):
        return tasks.send_due_reminders()


def test_no_reminder_before_its_time(
    booked, workshop, django_capture_on_commit_callbacks
):
    with time_machine.travel(workshop.start - datetime.timedelta(hours=25)):
        assert run_reminders(django_capture_on_commit_callbacks) == 0

    assert mail.outbox == []


def test_reminder_is_sent_24_hours_before_and_only_once(
    booked, workshop, django_capture_on_commit_callbacks
):
    with time_machine.travel(workshop.start - datetime.timedelta(hours=23)):
        assert run_reminders(django_capture_on_commit_callbacks) == 1
        assert run_reminders(django_capture_on_commit_callbacks) == 0
    with time_machine.travel(workshop.start - datetime.timedelta(hours=2)):
        assert run_reminders(django_capture_on_commit_callbacks) == 0

    [reminder] = mail.outbox
    assert reminder.to == ["anna@example.com"]
    assert reminder.attachments[0][2] == "text/calendar"
    booked.refresh_from_db()
    assert booked.reminder_sent_at is not None


def test_reminder_follows_the_events_own_lead_time(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(reminder_hours=48)
    with django_capture_on_commit_callbacks(execute=True):
        take(event)
    mail.outbox.clear()

    with time_machine.travel(event.start - datetime.timedelta(hours=47)):
        assert run_reminders(django_capture_on_commit_callbacks) == 1


def test_no_reminder_for_a_cancelled_registration(
    booked, workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(booked)
    mail.outbox.clear()

    with time_machine.travel(workshop.start - datetime.timedelta(hours=1)):
        assert run_reminders(django_capture_on_commit_callbacks) == 0

    assert mail.outbox == []


def test_no_reminder_for_the_waiting_list_or_a_cancelled_event(
    make_event, admin_user, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, max_participants=1)
    with django_capture_on_commit_callbacks(execute=True):
        take(event, "first@example.com")
        take(event, "second@example.com")
    assert Registration.objects.get(email="second@example.com").status == "waitlisted"
    with time_machine.travel(event.start - datetime.timedelta(hours=1)):
        assert run_reminders(django_capture_on_commit_callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.change_event(event, user=admin_user, reason="Nav", cancel_event=True)
        Registration.objects.update(reminder_sent_at=None)

    with time_machine.travel(event.start - datetime.timedelta(hours=1)):
        assert run_reminders(django_capture_on_commit_callbacks) == 0


def test_participant_list_goes_to_the_organiser_the_day_before(
    booked, workshop, django_capture_on_commit_callbacks
):
    day_before = timezone.localtime(workshop.start) - datetime.timedelta(days=1)
    with (
        time_machine.travel(day_before.replace(hour=9)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.send_participant_lists() == 1
        assert tasks.send_participant_lists() == 0

    [listing] = mail.outbox
    assert listing.to == ["organiser@lit.example"]
    assert "Anna Bērziņa" in listing.body
    assert "anna@example.com" in listing.body


def test_digest_collects_the_days_registrations_for_digest_events(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(organiser_notice="digest")
    with django_capture_on_commit_callbacks(execute=True):
        take(event, "a@example.com")
        take(event, "b@example.com")
    assert not [m for m in mail.outbox if m.to == ["organiser@lit.example"]]

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_organiser_digests() == 1
        assert tasks.send_organiser_digests() == 0

    [digest] = [m for m in mail.outbox if m.to == ["organiser@lit.example"]]
    assert digest.body.count("Anna Bērziņa") == 2


def test_registrations_are_anonymised_after_the_configured_days(
    make_event, settings, django_capture_on_commit_callbacks
):
    settings.PERSONAL_DATA_RETENTION_DAYS = {
        **settings.PERSONAL_DATA_RETENTION_DAYS,
        "registrations": 30,
    }
    event = make_event(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        registration = take(event)

    with time_machine.travel(event.end + datetime.timedelta(days=29)):
        assert tasks.anonymise_registrations() == 0
    with time_machine.travel(event.end + datetime.timedelta(days=31)):
        assert tasks.anonymise_registrations() == 1

    registration.refresh_from_db()
    assert registration.email == ""
    assert registration.name == "—"
    assert registration.participants == 1
    assert registration.anonymised_at is not None


def test_beat_schedule_runs_the_sweeps(settings):
    tasks_on_beat = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {
        "notifications.tasks.requeue_stale",
        "events.tasks.send_due_reminders",
        "events.tasks.send_participant_lists",
        "events.tasks.send_organiser_digests",
        "home.personal_data.apply_retention",
    } <= tasks_on_beat
