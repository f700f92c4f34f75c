import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.html import escape
from django.utils.text import slugify

from stories.models import GoodPracticeStoryPage, StoryIndexPage
from tests.network import build_hub, build_school, goals, publish, theme


@pytest.fixture(autouse=True)
def empty_cache():
    # The sharing form's rate limit counts in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hub(db, django_capture_on_commit_callbacks):
    build_hub(django_capture_on_commit_callbacks)


@pytest.fixture
def lit(hub, django_capture_on_commit_callbacks):
    return build_school(
        django_capture_on_commit_callbacks, "Latgales Industriālais tehnikums", "lit"
    )


@pytest.fixture
def saskanas(hub, django_capture_on_commit_callbacks):
    return build_school(
        django_capture_on_commit_callbacks, "Daugavpils Saskaņas pamatskola", "saskanas"
    )


def stories_index(school):
    return StoryIndexPage.objects.child_of(school).get()


@pytest.fixture
def make_story():
    def make(school, title, **fields):
        sdg_numbers = fields.pop("sdgs", [])
        theme_slug = fields.pop("theme", "water")
        story = GoodPracticeStoryPage(
            title=title,
            slug=slugify(title),
            intro=fields.pop("intro", f"{title}: īsumā."),
            problem=fields.pop("problem", "<p>Problēma.</p>"),
            what_was_done=fields.pop("what_was_done", "<p>Ko darījām.</p>"),
            theme=theme(theme_slug) if theme_slug else None,
            **fields,
        )
        story.sdgs = goals(*sdg_numbers)
        return publish(stories_index(school), story)

    return make


def in_latvian(message, html=True, **params):
    """A message as a Latvian page or mail shows it, whether or not the catalogue
    translates it yet."""
    with translation.override("lv"):
        text = translation.gettext(message)
    text = text % params if params else text
    return escape(text) if html else text
