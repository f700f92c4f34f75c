"""Forgetting the contact details of people who shared a story from outside."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from stories.models import GoodPracticeStoryPage

CONTACT_FIELDS = ("submitted_by_name", "submitted_by_email")


def settled_at(story):
    """When the story's fate was decided: published, or moderation ended without it.

    None while it waits for moderation, or was never submitted to it.
    """
    if story.first_published_at:
        return story.first_published_at
    state = WorkflowState.objects.for_instance(story).order_by("-created_at").first()
    if state is None or state.status == WorkflowState.STATUS_IN_PROGRESS:
        return None
    return story.latest_revision_created_at


@shared_task
def forget_story_submitters():
    """Blank the submitter's name and e-mail, in the page and in every revision, a
    set time (PERSONAL_DATA_RETENTION_DAYS["story_submissions"]) after the story
    was published or declined. The privacy notice promises this."""
    days = settings.PERSONAL_DATA_RETENTION_DAYS["story_submissions"]
    cutoff = timezone.now() - timedelta(days=days)
    stories = GoodPracticeStoryPage.objects.exclude(
        submitted_by_name="", submitted_by_email=""
    )
    forgotten = 0
    for story in stories:
        moment = settled_at(story)
        if moment is None or moment > cutoff:
            continue
        with transaction.atomic():
            GoodPracticeStoryPage.objects.filter(pk=story.pk).update(
                **dict.fromkeys(CONTACT_FIELDS, "")
            )
            for revision in Revision.objects.for_instance(story):
                if any(revision.content.get(field) for field in CONTACT_FIELDS):
                    revision.content.update(dict.fromkeys(CONTACT_FIELDS, ""))
                    revision.save(update_fields=["content"])
        forgotten += 1
    return forgotten
