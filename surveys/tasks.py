"""Background work of surveys, run by Celery beat: reminders and clean-up."""

from celery import shared_task
from django.utils import timezone

from home import personal_data
from surveys import invitations


@shared_task
def send_survey_reminders():
    """Remind, once, everyone invited who has not answered yet; idempotent."""
    return invitations.send_reminders()


@shared_task
def purge_survey_invitations():
    """Forget invited addresses once a survey has been closed for a while: the
    register's rule ("surveys.invitations"), applied daily by the retention run."""
    return personal_data.entry("surveys.invitations").expire(timezone.now())
