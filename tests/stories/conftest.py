import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.html import escape

from stories.models import StoryIndexPage
from tests.factories import GoodPracticeStoryPageFactory, SchoolFactory, section
from tests.network import goals, theme


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
def lit(school):
    return school


@pytest.fixture
def saskanas(hub):
    """A second school, like LIT under the hub's address."""
    return SchoolFactory(
        title="Daugavpils Saskaņas pamatskola", slug="saskanas", hostname=None
    )


def stories_index(school):
    return section(school, StoryIndexPage)


@pytest.fixture
def make_story():
    def make(school, title, **fields):
        theme_slug = fields.pop("theme", "water")
        return GoodPracticeStoryPageFactory(
            parent=stories_index(school),
            title=title,
            theme=theme(theme_slug) if theme_slug else None,
            sdgs=goals(*fields.pop("sdgs", [])),
            **fields,
        )

    return make


def in_latvian(message, html=True, **params):
    """A message as a Latvian page or mail shows it, whether or not the catalogue
    translates it yet."""
    with translation.override("lv"):
        text = translation.gettext(message)
    text = text % params if params else text
    return escape(text) if html else text
