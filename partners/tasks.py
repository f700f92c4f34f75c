"""Reminders before partner agreements expire."""

import datetime

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from notifications.outbox import send_to_school_staff
from partners.models import PartnerPage


def reminder_thresholds():
    """Days before expiry when editors are reminded, largest first."""
    value = settings.PARTNERS_AGREEMENT_REMINDER_DAYS
    days = value if isinstance(value, list | tuple) else [value]
    return sorted({int(day) for day in days if int(day) > 0}, reverse=True)


def due_threshold(days_left, thresholds):
    """The smallest threshold that `days_left` is within, or None."""
    within = [days for days in thresholds if days_left <= days]
    return min(within) if within else None


def expiring_agreements(today, horizon_days):
    return (
        PartnerPage.objects.live()
        .filter(
            locale=Locale.get_default(),
            agreement_status=PartnerPage.AgreementStatus.SIGNED,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=horizon_days),
        )
        .order_by("valid_until", "pk")
    )


@shared_task
def remind_expiring_agreements():
    """Mail each school's staff once per agreement and threshold before it expires.

    Runs daily from beat; the outbox key (agreement, its end date, threshold)
    makes a second run, or a redelivered task, send nothing new.
    """
    thresholds = reminder_thresholds()
    if not thresholds:
        return 0
    today = timezone.localdate()
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    written = 0
    for partner in expiring_agreements(today, thresholds[0]):
        days_left = (partner.valid_until - today).days
        threshold = due_threshold(days_left, thresholds)
        school = partner.school
        if threshold is None or school is None:
            continue
        with transaction.atomic():
            written += len(
                send_to_school_staff(
                    school,
                    template="partners/mail/agreement_expiring",
                    context={
                        "partner": partner.title,
                        "valid_until": partner.valid_until.strftime("%d.%m.%Y"),
                        "days_left": days_left,
                        "edit_url": base_url
                        + reverse("wagtailadmin_pages:edit", args=[partner.pk]),
                        "page_url": partner.get_full_url() or "",
                    },
                    key=(
                        f"partners:agreement-expiring:{partner.translation_key}:"
                        f"{partner.valid_until.isoformat()}:{threshold}"
                    ),
                )
            )
    return written
