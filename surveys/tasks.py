"""Background work of surveys, run by Celery beat: reminders and clean-up."""

from celery import shared_task

from surveys import invitations


@shared_task
def send_survey_reminders():
    """Remind, once, everyone invited who has not answered yet; idempotent."""
    return invitations.send_reminders()


@shared_task
def purge_survey_invitations():
    """Forget invited addresses once a survey has been closed for a while."""
    return invitations.purge_invitations()
