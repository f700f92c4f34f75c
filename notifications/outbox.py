"""Writing notifications: call these inside the transaction of the change they report.

No mail leaves during a web request. `send_later` writes an OutboxMessage row and
queues its delivery once the transaction commits; if the broker is down then, the
beat sweep (`notifications.tasks.requeue_stale`) queues it later. Nothing is lost,
and the row lock in the delivery task means nothing is sent twice.
"""

import hashlib
import json
import logging

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from home.schools import editors_group_name, moderators_group_name
from notifications.models import OutboxMessage

FALLBACK_LANGUAGE = "lv"
logger = logging.getLogger(__name__)


def _queue(message_id):
    # notifications.tasks renders and sends rows; it imports this module for the
    # failure notices it writes.
    from notifications.tasks import deliver_message

    try:
        deliver_message.delay(message_id)
    except Exception:  # The broker is down: the sweep queues the row later.
        logger.warning(
            "Could not queue outbox message %s; the sweep will retry",
            message_id,
            exc_info=True,
        )
        return
    now = timezone.now()
    OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.PENDING
    ).update(queued_at=now, next_attempt_at=now)


def send_later(
    *,
    template: str,
    to: str,
    language: str,
    context: dict,
    key: str,
    attachments: list[dict] | None = None,
    headers: dict | None = None,
    school=None,
) -> "OutboxMessage | None":
    """Write one mail to the outbox; returns None when `key` was already used.

    `template` names `<template>_subject.txt`, `<template>.txt` and
    `<template>.html`, rendered at send time under `language` with `context`
    (JSON-serialisable) and the school's name and contacts when `school` is given.
    `attachments` are dicts with "filename", "mimetype" and text "content".
    """
    if OutboxMessage.objects.filter(key=key).exists():
        return None
    # Round-trip through JSON now, so a context that cannot be stored fails in
    # the request that made it rather than in a worker.
    context = json.loads(json.dumps(context, cls=DjangoJSONEncoder))
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                key=key,
                template=template,
                to_email=to,
                language=language or FALLBACK_LANGUAGE,
                context=context,
                attachments=list(attachments or []),
                headers=dict(headers or {}),
                school=school,
            )
    except IntegrityError:
        # Another transaction wrote the same key between the check and the insert.
        return None
    transaction.on_commit(lambda: _queue(message.pk))
    return message


def staff_key(key, user):
    digest = hashlib.sha256(key.encode()).hexdigest()[:16] if len(key) > 200 else key
    return f"{digest}:staff:{user.pk}"


def school_staff(school, *, moderators_only=False):
    """Active users of the school's editors (and moderators) groups who have mail."""

    source = school.in_language()
    names = [moderators_group_name(source.slug)]
    if not moderators_only:
        names.append(editors_group_name(source.slug))
    return (
        get_user_model()
        .objects.filter(groups__name__in=names, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def user_language(user):
    from wagtail.users.models import UserProfile

    return UserProfile.get_for_user(user).preferred_language or FALLBACK_LANGUAGE


def send_to_school_staff(
    school, *, template: str, context: dict, key: str, moderators_only: bool = False
) -> list:
    """Mail every active editor and moderator of `school` in their admin language.

    One outbox row per recipient, keyed `<key>:staff:<user id>`; returns the rows
    written this time (none when the key was used before).
    """
    messages = []
    for user in school_staff(school, moderators_only=moderators_only):
        message = send_later(
            template=template,
            to=user.email,
            language=user_language(user),
            context=context,
            key=staff_key(key, user),
            school=school,
        )
        if message is not None:
            messages.append(message)
    return messages


def send_to_administrators(*, template: str, context: dict, key: str) -> list:
    """Mail the portal's active superusers (for problems no school owns)."""
    messages = []
    users = get_user_model().objects.filter(is_superuser=True, is_active=True)
    for user in users.exclude(email="").order_by("pk"):
        message = send_later(
            template=template,
            to=user.email,
            language=user_language(user),
            context=context,
            key=staff_key(key, user),
        )
        if message is not None:
            messages.append(message)
    return messages
