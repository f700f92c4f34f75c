"""Forgetting the contact details of people who shared a story from outside."""

from celery import shared_task
from django.utils import timezone

from home import personal_data


@shared_task
def forget_story_submitters():
    """Blank the submitter's name and e-mail, in the page and in every revision, a
    set time (PERSONAL_DATA_RETENTION_DAYS["story_submissions"]) after the story
    was published or declined. The privacy notice promises this; the rule is the
    register's ("stories.submitters"), which the daily retention run applies."""
    return personal_data.entry("stories.submitters").expire(timezone.now())
