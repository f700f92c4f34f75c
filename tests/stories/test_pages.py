"""Story pages: where they live in the tree and what a visitor reads on them."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from home.models import HomePage, SchoolPage
from home.schools import SECTIONS
from stories.models import (
    GoodPracticeLibraryPage,
    GoodPracticeStoryPage,
    StoryIndexPage,
)
from tests.stories.conftest import stories_index

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_stories_live_only_in_a_schools_stories_section(wagtail_tests):
    wagtail_tests.assertAllowedParentPageTypes(GoodPracticeStoryPage, {StoryIndexPage})
    wagtail_tests.assertAllowedSubpageTypes(GoodPracticeStoryPage, set())
    wagtail_tests.assertAllowedParentPageTypes(StoryIndexPage, {SchoolPage})
    wagtail_tests.assertAllowedSubpageTypes(StoryIndexPage, {GoodPracticeStoryPage})


def test_the_library_lives_under_the_network_home_page(wagtail_tests):
    wagtail_tests.assertAllowedParentPageTypes(GoodPracticeLibraryPage, {HomePage})
    wagtail_tests.assertAllowedSubpageTypes(GoodPracticeLibraryPage, set())


def test_a_story_and_its_section_render(wagtail_tests, lit, make_story):
    story = make_story(lit, "Lietus ūdens dārzam")

    wagtail_tests.assertPageIsRenderable(stories_index(lit))
    wagtail_tests.assertPageIsRenderable(story)


def test_every_new_school_gets_a_stories_section_in_both_languages(lit):
    section = next(s for s in SECTIONS if s.model == "stories.StoryIndexPage")
    index = stories_index(lit)

    assert (index.title, index.slug) == (section.title_lv, "labas-prakses")
    english = index.get_translation(index.get_translations().get().locale)
    assert (english.title, english.slug) == ("Good-practice stories", "good-practice")


def test_story_page_shows_results_with_their_numbers(client, lit, make_story):
    story = make_story(
        lit,
        "Ūdens detektīvi",
        results=[
            ("result", {"value": "1200", "unit": "litri", "what": "ūdens mēnesī"}),
            ("result", {"value": "2.5", "unit": "t", "what": "metāla gadā"}),
        ],
    )

    # Latvian groups thousands with a no-break space.
    html = client.get(story.url).content.decode().replace("\xa0", " ")

    assert '<strong class="result__value">1 200 litri</strong>' in html
    assert "ūdens mēnesī" in html
    assert '<strong class="result__value">2,5 t</strong>' in html


# Generating the rendition leaves a temporary file to the garbage collector
# inside Wagtail's image code (Wagtail 8.0); nothing of the portal's.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore:Unclosed file:ResourceWarning")
def test_gallery_photos_carry_their_alt_text(client, lit, make_story):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (80, 60), "green").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Muca", file=ImageFile(io.BytesIO(buffer.getvalue()), name="muca.png")
    )
    story = make_story(
        lit,
        "Lietus ūdens",
        gallery=[
            (
                "photo",
                {"image": image, "alt_text": "Lietus ūdens muca pie siltumnīcas"},
            )
        ],
    )

    html = client.get(story.url).content.decode()

    assert 'alt="Lietus ūdens muca pie siltumnīcas"' in html


def test_gallery_photo_without_alt_text_cannot_be_saved():
    from stories.blocks import GalleryPhotoBlock

    block = GalleryPhotoBlock()
    with pytest.raises(Exception) as error:
        block.clean(block.to_python({"image": None, "alt_text": "", "caption": ""}))

    assert "alt_text" in str(error.value.block_errors)
