"""An activity page shows what serves it: events, partners and adopted practice."""

from urllib.parse import urlsplit

import pytest
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Locale

from activities.models import ActivityPage
from events.models import EventPage
from partners.models import PartnerPage, PartnerRelatedPage
from stories.models import GoodPracticeStoryPage, StoryAdoption

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshops_activity(demo_network_once, db):
    """LIT's activity 6.3 of 2025/2026, the creative workshops for guests."""
    return ActivityPage.objects.get(
        number="6.3",
        locale__language_code="lv",
        url_path__startswith="/ekoskolas/lit/",
    )


def section(client, page, heading_id):
    address = urlsplit(page.full_url)
    html = client.get(address.path, HTTP_HOST=address.netloc).content.decode()
    start = html.find(f'id="{heading_id}"')
    assert start != -1, f"no section {heading_id}"
    return html[start : html.find("</section>", start)]


def test_activity_lists_the_events_that_serve_it(client, workshops_activity):
    workshops = EventPage.objects.live().filter(
        locale=workshops_activity.locale, activity_page=workshops_activity
    )
    assert workshops.exists()

    events = section(client, workshops_activity, "activity-events-heading")

    for workshop in workshops:
        assert escape(workshop.title) in events


def test_english_activity_lists_the_english_events(client, workshops_activity):
    english = workshops_activity.get_translation(Locale.objects.get(language_code="en"))
    workshop = EventPage.objects.filter(activity_page=workshops_activity).first()
    workshop_en = workshop.get_translation(english.locale)

    with translation.override("en"):
        events = section(client, english, "activity-events-heading")

    assert escape(workshop_en.title) in events
    assert "Upcoming events" in events or "Past events" in events


def test_activity_lists_its_partners_and_the_practice_taken_into_it(
    client, workshops_activity
):
    partner = PartnerPage.objects.live().filter(locale__language_code="lv").first()
    PartnerRelatedPage.objects.create(partner=partner, page=workshops_activity)
    story = (
        GoodPracticeStoryPage.objects.live()
        .filter(locale__language_code="lv")
        .exclude(url_path__startswith="/ekoskolas/lit/")
        .exclude(adoptions__school=workshops_activity.school)
        .first()
    )
    StoryAdoption.objects.create(
        story=story, school=workshops_activity.school, activity=workshops_activity
    )

    partners = section(client, workshops_activity, "activity-partners-heading")
    stories = section(client, workshops_activity, "activity-stories-heading")

    assert escape(partner.title) in partners
    assert escape(story.title) in stories


def test_event_links_back_to_its_activity_and_plan(client, workshops_activity):
    workshop = EventPage.objects.live().filter(activity_page=workshops_activity).first()
    english = Locale.objects.get(language_code="en")

    for event, activity in (
        (workshop, workshops_activity),
        (
            workshop.get_translation(english),
            workshops_activity.get_translation(english),
        ),
    ):
        address = urlsplit(event.full_url)
        with translation.override(event.locale.language_code):
            html = client.get(address.path, HTTP_HOST=address.netloc).content.decode()
        links = html[html.find('class="event__links"') :]
        for linked in (activity, activity.get_parent()):
            assert f'href="{urlsplit(linked.full_url).path}"' in links
