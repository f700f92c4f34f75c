"""Personal single-use survey links: creating, finding, using and mailing them."""

import base64
import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format

from notifications.outbox import send_later
from surveys.models import Invitation, SurveyPage

TOKEN_SALT = "surveys.invitation"  # noqa: S105 - a key-derivation salt, not a secret


def make_token(nonce):
    """The link token, keyed by the secret key: the database alone cannot rebuild it."""
    digest = salted_hmac(TOKEN_SALT, nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def token_for(invitation):
    return make_token(invitation.nonce)


def invitation_url(invitation):
    survey = invitation.survey
    return f"{survey.get_full_url()}?invitation={token_for(invitation)}"


def find_invitation(survey, token):
    """The invitation to this survey (or a translation of it) with this token."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.filter(
            token_hash=hash_token(token),
            survey__translation_key=survey.translation_key,
        )
        .select_related("survey")
        .first()
    )


def use_invitation(invitation):
    """Mark the invitation used; False when someone used it first."""
    return bool(
        Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True)
    )


@transaction.atomic
def create_invitations(survey, audience, addresses):
    """Create one invitation per address and queue its mail after commit."""
    invitations = []
    for address in addresses:
        nonce = secrets.token_urlsafe(32)
        invitations.append(
            Invitation.objects.create(
                survey=survey,
                audience=audience,
                email=address,
                nonce=nonce,
                token_hash=hash_token(make_token(nonce)),
            )
        )
    for invitation in invitations:
        deliver(invitation, "invitation")
    return invitations


def due_reminders(now=None):
    """Unused invitations to open surveys whose reminder is due and not yet sent."""
    now = now or timezone.now()
    candidates = Invitation.objects.filter(
        used=False,
        reminded_at__isnull=True,
        sent_at__isnull=False,
        survey__opens_at__lte=now,
        survey__closes_at__gt=now,
        survey__live=True,
    ).select_related("survey")
    due = []
    for invitation in candidates:
        survey = invitation.survey
        after = invitation.sent_at + timedelta(days=survey.reminder_after_days)
        # A short survey still gets its reminder, two days before it closes.
        last_call = survey.closes_at - timedelta(days=2)
        if now >= min(after, last_call) and invitation.sent_at < last_call:
            due.append(invitation)
    return due


def send_reminders(now=None):
    """Queue one reminder per due invitation; claiming it first makes it once."""
    now = now or timezone.now()
    sent = 0
    for invitation in due_reminders(now):
        with transaction.atomic():
            claimed = Invitation.objects.filter(
                pk=invitation.pk, reminded_at__isnull=True, used=False
            ).update(reminded_at=now)
            if claimed:
                deliver(invitation, "reminder")
                sent += 1
    return sent


def deliver(invitation, kind):
    """Queue an invitation ("invitation") or its reminder ("reminder") mail.

    Through the notifications outbox: the row is written in this transaction and
    sent once after commit. Its context holds the invitation's id, not the link;
    the mail template rebuilds the link when it renders.
    """
    survey = SurveyPage.objects.get(pk=invitation.survey_id)
    language = survey.locale.language_code
    with translation.override(language):
        closes = date_format(timezone.localtime(survey.closes_at), "DATETIME_FORMAT")
    send_later(
        template="surveys/mail/invitation",
        to=invitation.email,
        language=language,
        context={
            "invitation_id": invitation.pk,
            "title": survey.title,
            "closes": closes,
            "anonymous": survey.anonymous,
            "reminder": kind == "reminder",
        },
        key=f"surveys:{kind}:{invitation.pk}",
        school=survey.school,
    )
    if kind == "invitation":
        Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )


def retention_days():
    return getattr(settings, "PERSONAL_DATA_RETENTION_DAYS", {}).get(
        "survey_invitations", 90
    )


def purge_invitations(now=None):
    """Delete the addresses of surveys closed longer ago than the retention period."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days())
    deleted, _per_model = Invitation.objects.filter(
        survey__closes_at__lt=cutoff
    ).delete()
    return deleted
