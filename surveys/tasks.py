"""Background work of surveys: invitation and reminder mail, the daily reminders."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from surveys import invitations
from surveys.models import Invitation


@shared_task
def send_invitation_mail(invitation_id, kind):
    """Mail one invitation ("invitation") or its reminder ("reminder"); idempotent."""
    invitation = (
        Invitation.objects.filter(pk=invitation_id).select_related("survey").first()
    )
    if invitation is None or invitation.used:
        return False
    if kind == "invitation" and invitation.sent_at is not None:
        return False
    survey = invitation.survey
    context = {
        "survey": survey,
        "school": survey.school,
        "invitation": invitation,
        "url": invitations.invitation_url(invitation),
        "reminder": kind == "reminder",
    }
    with translation.override(survey.locale.language_code):
        subject = render_to_string("surveys/mail/invitation_subject.txt", context)
        text = render_to_string("surveys/mail/invitation.txt", context)
        html = render_to_string("surveys/mail/invitation.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )
    message.attach_alternative(html, "text/html")
    message.send()
    if kind == "invitation":
        invitations.mark_sent(invitation.pk)
    return True


@shared_task
def send_survey_reminders():
    """Remind, once, everyone invited who has not answered yet (Celery beat)."""
    return invitations.send_reminders()
