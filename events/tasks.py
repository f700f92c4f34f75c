"""Periodic work on events, run by Celery beat; each run is safe to repeat.

Reminders are found in the database when due, not parked in the broker with
long countdowns (Redis would redeliver them after its visibility timeout).
"""

import datetime

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events import notifications
from events.choices import OrganiserNotice
from events.models import EventPage, Registration
from home import personal_data
from home.timezones import RIGA


@shared_task
def send_due_reminders():
    """Remind confirmed registrants of events starting within their reminder time."""
    now = timezone.now()
    due = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at=None,
            anonymised_at=None,
            event__status=EventPage.Status.SCHEDULED,
            event__reminder_hours__gt=0,
            event__start__gt=now,
        )
        .exclude(email="")
        .select_related("event")
    )
    sent = 0
    for registration in due:
        lead = datetime.timedelta(hours=registration.event.reminder_hours)
        if registration.event.start - lead > now:
            continue
        with transaction.atomic():
            # Claim the registration: a second beat run finds nothing to do.
            claimed = Registration.objects.filter(
                pk=registration.pk,
                reminder_sent_at=None,
                status=Registration.Status.CONFIRMED,
            ).update(reminder_sent_at=now)
            if claimed:
                notifications.reminder(registration)
                sent += 1
    return sent


@shared_task
def send_participant_lists():
    """The day before an event, send its organiser the list of participants."""
    tomorrow = timezone.localdate(timezone=RIGA) + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=RIGA)
    events = EventPage.objects.filter(
        registration_enabled=True,
        status=EventPage.Status.SCHEDULED,
        start__gte=start,
        start__lt=start + datetime.timedelta(days=1),
        locale__language_code=settings.LANGUAGE_CODE,
    )
    count = 0
    for event in events:
        with transaction.atomic():
            if notifications.participant_list(event):
                count += 1
    return count


@shared_task
def send_organiser_digests():
    """Once a day, the registrations of the last day for events that want a digest."""
    now = timezone.now()
    today = timezone.localdate(timezone=RIGA)
    events = EventPage.objects.filter(
        organiser_notice=OrganiserNotice.DIGEST,
        registration_enabled=True,
        end__gte=now,
        locale__language_code=settings.LANGUAGE_CODE,
    ).exclude(organiser_email="")
    count = 0
    for event in events:
        registrations = list(
            Registration.objects.filter(
                event=event, created_at__gte=now - datetime.timedelta(days=1)
            ).order_by("created_at")
        )
        if registrations:
            with transaction.atomic():
                if notifications.organiser_digest(event, registrations, today):
                    count += 1
    return count


@shared_task
def anonymise_registrations():
    """Remove personal data from registrations some days after their event ended.

    The rule is the register's (home.personal_data, "events.registrations"); the
    daily retention run applies it with every other one.
    """
    return personal_data.entry("events.registrations").expire(timezone.now())
