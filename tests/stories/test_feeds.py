"""Atom feeds of stories: per school and for the whole network, valid Atom."""

import feedparser
import pytest
from wagtail.models import Locale

from home.models import HomePage
from stories.models import GoodPracticeLibraryPage
from tests.network import publish
from tests.stories.conftest import stories_index

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def library(lit, saskanas):
    hub = HomePage.objects.get(locale=Locale.get_default())
    return publish(
        hub,
        GoodPracticeLibraryPage(title="Labās prakses bibliotēka", slug="biblioteka"),
    )


def test_school_feed_is_valid_atom_with_the_schools_stories(
    client, lit, saskanas, make_story
):
    story = make_story(
        lit, "Enerģijas patruļa", intro="Gaismas izslēdz <b>patruļa</b>."
    )
    make_story(saskanas, "Ūdens detektīvi")

    feed = parse(client.get(stories_index(lit).url + "feed/"))

    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Enerģijas patruļa"]
    [entry] = feed.entries
    assert entry.link == story.get_full_url()
    assert entry.link.endswith("/lit/labas-prakses/energijas-patrula/")
    assert entry.summary == "Gaismas izslēdz patruļa."
    assert entry.author == "Latgales Industriālais tehnikums"
    assert [tag.term for tag in entry.tags] == ["Ūdens"]
    assert feed.feed.title.startswith("Latgales Industriālais tehnikums")


def test_network_feed_is_valid_atom_with_every_schools_stories(
    client, library, lit, saskanas, make_story
):
    make_story(lit, "Enerģijas patruļa")
    make_story(saskanas, "Ūdens detektīvi")

    feed = parse(client.get(library.url + "feed/"))

    assert sorted(entry.title for entry in feed.entries) == [
        "Enerģijas patruļa",
        "Ūdens detektīvi",
    ]
    assert {entry.author for entry in feed.entries} == {
        "Latgales Industriālais tehnikums",
        "Daugavpils Saskaņas pamatskola",
    }


def test_empty_feed_is_still_valid(client, lit):
    feed = parse(client.get(stories_index(lit).url + "feed/"))

    assert feed.entries == []


def test_unpublished_stories_are_not_in_the_feed(client, lit, make_story):
    make_story(lit, "Enerģijas patruļa").unpublish()

    assert parse(client.get(stories_index(lit).url + "feed/")).entries == []


def test_pages_link_their_feeds_for_feed_readers(client, library, lit, make_story):
    story = make_story(lit, "Enerģijas patruļa")
    index = stories_index(lit)

    for page, feed_url in (
        (index, index.url + "feed/"),
        (story, index.url + "feed/"),
        (library, library.url + "feed/"),
    ):
        html = client.get(page.url).content.decode()
        assert (
            '<link rel="alternate" type="application/atom+xml"' in html
            and f'href="{feed_url}"' in html
        ), page.title
