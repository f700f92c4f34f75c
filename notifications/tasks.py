"""Delivery of outbox rows: exactly once per row, retried on SMTP trouble."""

import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from notifications.models import OutboxMessage
from notifications.outbox import send_to_administrators, send_to_school_staff
from notifications.rendering import render

logger = logging.getLogger(__name__)

# Retries stay well below the broker's visibility timeout (an hour): Redis would
# hand a task with a longer countdown to a second worker.
MAX_RETRIES = 6
BACKOFF_FACTOR = 30
BACKOFF_MAX = 1800
FAILED_TEMPLATE = "notifications/mail/delivery_failed"


def _locked(message_id):
    """The pending row, locked until the transaction ends; None if not pending.

    On PostgreSQL the row lock makes a second copy of the task wait, then find
    the row sent. SQLite has no row locks, but its IMMEDIATE transactions (see
    settings) take the write lock at BEGIN, which serialises the same way.
    """
    return (
        OutboxMessage.objects.select_for_update()
        .filter(pk=message_id, status=OutboxMessage.Status.PENDING)
        .first()
    )


@shared_task(bind=True, max_retries=MAX_RETRIES)
def deliver_message(self, message_id):
    """Send one outbox row unless it was sent already; returns its final status."""
    error = None
    with transaction.atomic():
        message = _locked(message_id)
        if message is None:
            return "skipped"
        message.attempts += 1
        try:
            email = render(message)
            message.subject = email.subject[:255]
            email.send()
        except (SMTPException, OSError) as exc:
            error = exc
            message.error = f"{type(exc).__name__}: {exc}"
            retries_left = self.request.retries < self.max_retries
            if not retries_left:
                message.status = OutboxMessage.Status.FAILED
            message.save(update_fields=["attempts", "error", "subject", "status"])
        except Exception as exc:
            # A broken template or attachment will not heal by retrying.
            logger.exception("Outbox message %s cannot be rendered", message_id)
            message.error = f"{type(exc).__name__}: {exc}"
            message.status = OutboxMessage.Status.FAILED
            message.save(update_fields=["attempts", "error", "status"])
        else:
            message.status = OutboxMessage.Status.SENT
            message.sent_at = timezone.now()
            message.error = ""
            message.save(
                update_fields=["attempts", "error", "subject", "status", "sent_at"]
            )
            return "sent"
    if message.status == OutboxMessage.Status.FAILED:
        # Outside the locked transaction: the failure is recorded whatever happens.
        report_failure(message.pk)
        return "failed"
    countdown = get_exponential_backoff_interval(
        BACKOFF_FACTOR, self.request.retries, BACKOFF_MAX, full_jitter=True
    )
    now = timezone.now()
    # The sweep leaves the row alone until its backoff has passed.
    OutboxMessage.objects.filter(pk=message_id).update(
        queued_at=now, next_attempt_at=now + timedelta(seconds=countdown)
    )
    raise self.retry(exc=error, countdown=countdown)


def report_failure(message_id):
    """Tell the school's staff (or the administrators) that a mail could not go."""

    message = OutboxMessage.objects.select_related("school").get(pk=message_id)
    if message.template == FAILED_TEMPLATE:
        logger.error("A failure notice could not be sent: %s", message.error)
        return
    context = {
        "message_id": message.pk,
        "recipient": message.to_email,
        "subject": message.subject or message.template,
        "error": message.error,
        "admin_url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/notifications/"
        f"inspect/{message.pk}/",
    }
    key = f"delivery-failed:{message.pk}"
    with transaction.atomic():
        if message.school_id:
            sent = send_to_school_staff(
                message.school, template=FAILED_TEMPLATE, context=context, key=key
            )
            if sent:
                return
        send_to_administrators(template=FAILED_TEMPLATE, context=context, key=key)


# A row that never reached the broker (it was down at commit time) is queued
# again after a minute. A row that did reach it is left there: it may be waiting
# its turn. Only once its task is overdue by longer than the broker keeps an
# unacknowledged task (Redis's visibility timeout, an hour) is it taken as lost.
NEVER_QUEUED_AFTER = timedelta(minutes=1)


def lost_after():
    return timedelta(minutes=settings.NOTIFICATIONS_LOST_AFTER_MINUTES)


@shared_task
def requeue_stale():
    """Queue again the pending rows a broker outage or a lost task left behind.

    Never a row that is still waiting in the queue, nor one whose retry is
    waiting out its backoff: that would only lengthen the queue.
    """
    now = timezone.now()
    never_queued = Q(queued_at__isnull=True, created_at__lt=now - NEVER_QUEUED_AFTER)
    overdue = Q(next_attempt_at__lt=now - lost_after())
    stale = OutboxMessage.objects.filter(
        never_queued | overdue, status=OutboxMessage.Status.PENDING
    )
    ids = list(stale.order_by("created_at").values_list("pk", flat=True)[:500])
    for message_id in ids:
        deliver_message.delay(message_id)
    OutboxMessage.objects.filter(pk__in=ids).update(queued_at=now, next_attempt_at=now)
    return len(ids)
