"""The demo network's stories: enough to show the library, with adoptions."""

import pytest
from wagtail.models import Locale

from stories.models import GoodPracticeLibraryPage, GoodPracticeStoryPage, StoryAdoption

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def demo(demo_network_once, db):
    """The demo network, shared by this module's tests."""


def latvian_stories():
    return GoodPracticeStoryPage.objects.live().filter(locale=Locale.get_default())


def test_demo_has_at_least_six_stories_across_the_four_schools(demo):
    stories = list(latvian_stories())
    schools = {story.school.slug for story in stories}

    assert len(stories) >= 6
    assert schools == {"lit", "lvt", "saskanas", "kimijas-pii"}


def test_demo_stories_are_translated_into_english(demo):
    english = GoodPracticeStoryPage.objects.live().filter(locale__language_code="en")

    assert english.count() == latvian_stories().count()
    assert english.filter(title="Water detectives").exists()


def test_demo_has_at_least_two_adoption_links(demo):
    adopted = latvian_stories().filter(adopted_from__isnull=False)

    assert adopted.count() >= 2
    assert all(story.school.pk != story.adopted_from.school.pk for story in adopted)
    assert StoryAdoption.objects.exists()


def test_demo_library_shows_lit_as_adopter_of_saskanas_water_detectives(client, demo):
    library = GoodPracticeLibraryPage.objects.get(locale=Locale.get_default())

    html = client.get(library.url, {"school": "saskanas", "theme": "water"}).content
    html = html.decode()

    assert ">Ūdens detektīvi</a></h2>" in html
    adopted = html.split('class="story-card__adopted"')[1][:400]
    assert "Latgales Industriālais tehnikums" in adopted
