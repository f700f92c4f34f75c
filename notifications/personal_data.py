"""Personal data in the mail outbox (see home.personal_data).

A row holds the recipient's address, and its context the names and personal
links the mail was rendered from. Once a mail is sent (or has failed for good)
the row stays as a delivery log for a while (MAIL_DELIVERY_LOG_DAYS), then
keeps only what was sent, when and for which school.
"""

import json

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from home.personal_data import (
    Entry,
    Retention,
    Treatment,
    Viewer,
    days_text,
    entry,
    mentions,
    register,
    scrub,
)
from notifications.models import OutboxMessage

BLANK = {"to_email": "", "context": {}, "attachments": [], "subject": "", "error": ""}
DONE = (OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED)


def holding():
    return OutboxMessage.objects.filter(~Q(to_email="") | ~Q(context={}))


def expire_outbox(now):
    """Blank the address and the rendered context of mails delivered long enough ago.

    Pending rows are left alone: the delivery still needs them.
    """
    cutoff = entry("notifications.outbox").retention.cutoff(now)
    if cutoff is None:
        return 0
    finished = Q(status=OutboxMessage.Status.SENT, sent_at__lt=cutoff) | Q(
        status=OutboxMessage.Status.FAILED, created_at__lt=cutoff
    )
    return holding().filter(finished).update(**BLANK)


def _candidates(person):
    """Rows to the person, or whose text may name them (filtered again in Python)."""
    queryset = OutboxMessage.objects.annotate(
        context_text=Cast("context", TextField()),
        attachments_text=Cast("attachments", TextField()),
    )
    condition = Q(to_email__iexact=person.email)
    for needle in person.needles:
        # JSON text escapes letters outside ASCII on SQLite, not on PostgreSQL.
        for form in {needle, json.dumps(needle)[1:-1]}:
            condition |= Q(context_text__icontains=form)
            condition |= Q(attachments_text__icontains=form)
        condition |= Q(subject__icontains=needle) | Q(error__icontains=needle)
    return queryset.filter(condition)


def erase_outbox(person):
    """Drop mails still to go to the person, blank those sent to them, and take
    their name and address out of mails to others (an organiser's list)."""
    changed = 0
    for message in _candidates(person):
        if message.to_email.lower() == person.email:
            if message.status == OutboxMessage.Status.PENDING:
                # The delivery task finds no row and sends nothing.
                message.delete()
            else:
                OutboxMessage.objects.filter(pk=message.pk).update(**BLANK)
            changed += 1
            continue
        values = {
            "context": message.context,
            "attachments": message.attachments,
            "subject": message.subject,
            "error": message.error,
        }
        if mentions(values, person.needles):
            OutboxMessage.objects.filter(pk=message.pk).update(
                **scrub(values, person.needles)
            )
            changed += 1
    return changed


def export_outbox(person):
    messages = OutboxMessage.objects.filter(to_email__iexact=person.email)
    return [
        {
            "template": message.template,
            "subject": message.subject,
            "status": message.status,
            "language": message.language,
            "created_at": message.created_at.isoformat(),
            "sent_at": message.sent_at.isoformat() if message.sent_at else None,
            "context": message.context,
        }
        for message in messages
    ]


register(
    Entry(
        key="notifications.outbox",
        label=_("Mail outbox"),
        situation=_("Every mail the portal sends you"),
        data=_(
            "Your address, and the name and personal link the mail was written with."
        ),
        model=OutboxMessage,
        fields=("to_email", "context", "attachments", "subject", "error"),
        retention=Retention(
            counted_from=_("the sending of the mail"),
            setting="MAIL_DELIVERY_LOG_DAYS",
        ),
        describe=days_text(
            "Address and content of a sent mail are removed %(days)s day after "
            "it was sent.",
            "Address and content of a sent mail are removed %(days)s days after "
            "it was sent.",
        ),
        treatment=Treatment.BLANKED,
        visible_to=(Viewer.SCHOOL_STAFF, Viewer.OPERATOR),
        expire=expire_outbox,
        held=holding,
        oldest_field="created_at",
        school_path="school__path",
        erase=erase_outbox,
        export=export_outbox,
        order=90,
    )
)
