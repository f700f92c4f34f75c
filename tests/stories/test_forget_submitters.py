"""Outside submitters' contact details are forgotten as the privacy notice says."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Revision

from stories.models import GoodPracticeStoryPage
from stories.tasks import forget_story_submitters

pytestmark = pytest.mark.django_db

CONTACT = {
    "submitted_by_school": "IES Batalla de Clavijo",
    "submitted_by_name": "Lucía Martínez",
    "submitted_by_email": "lucia@example.es",
}


def contact_everywhere(story):
    story = GoodPracticeStoryPage.objects.get(pk=story.pk)
    in_revisions = [
        (r.content.get("submitted_by_name"), r.content.get("submitted_by_email"))
        for r in Revision.objects.for_instance(story)
    ]
    return (story.submitted_by_name, story.submitted_by_email), in_revisions


def test_contact_details_are_blanked_in_page_and_revisions_after_the_period(
    lit, make_story, settings
):
    settings.PERSONAL_DATA_RETENTION_DAYS = {
        **settings.PERSONAL_DATA_RETENTION_DAYS,
        "story_submissions": 30,
    }
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        old = make_story(lit, "Lietus ūdens krāšana", **CONTACT)
    recent = make_story(lit, "Ūdens skaitītāji", **CONTACT)

    forgotten = forget_story_submitters()

    assert forgotten == 1
    page, revisions = contact_everywhere(old)
    assert page == ("", "")
    assert revisions and all(pair == ("", "") for pair in revisions)
    assert GoodPracticeStoryPage.objects.get(pk=old.pk).submitted_by_school == (
        "IES Batalla de Clavijo"
    )
    assert contact_everywhere(recent)[0] == ("Lucía Martínez", "lucia@example.es")


def test_a_story_still_waiting_for_moderation_keeps_its_contact(lit, make_story):
    draft = make_story(lit, "Melnraksts", **CONTACT)
    GoodPracticeStoryPage.objects.filter(pk=draft.pk).update(
        first_published_at=None, live=False
    )

    assert forget_story_submitters() == 0
    assert contact_everywhere(draft)[0] == ("Lucía Martínez", "lucia@example.es")
