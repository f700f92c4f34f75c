"""Delivery of outbox rows: exactly once per row, retried on SMTP trouble."""

import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from notifications.models import OutboxMessage
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
    raise self.retry(exc=error, countdown=countdown)


def report_failure(message_id):
    """Tell the school's staff (or the administrators) that a mail could not go."""
    from notifications.outbox import send_to_administrators, send_to_school_staff

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


STALE_AFTER = timedelta(minutes=5)


@shared_task
def requeue_stale():
    """Queue again the rows still pending a few minutes after they were queued.

    A broker that was down at commit time, or a worker that died with the task,
    leaves such rows; the task's row lock makes a needless second copy harmless.
    """
    cutoff = timezone.now() - STALE_AFTER
    stale = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, queued_at__lt=cutoff
    )
    ids = list(stale.values_list("pk", flat=True)[:500])
    if not ids:
        return 0
    OutboxMessage.objects.filter(pk__in=ids).update(queued_at=timezone.now())
    for message_id in ids:
        deliver_message.delay(message_id)
    return len(ids)
