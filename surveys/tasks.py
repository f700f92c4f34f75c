"""Background work of surveys: the reminders, run by Celery beat."""

from celery import shared_task

from surveys import invitations


@shared_task
def send_survey_reminders():
    """Remind, once, everyone invited who has not answered yet; idempotent."""
    return invitations.send_reminders()
