"""The hub's good-practice library: every school's stories, filters, adopters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.models import HomePage
from home.translation import translate
from stories.models import GoodPracticeLibraryPage, PracticeAudience, StoryAdoption
from tests.network import publish

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def library(lit, saskanas):
    hub = HomePage.objects.get(locale=Locale.get_default())
    return publish(
        hub,
        GoodPracticeLibraryPage(title="Labās prakses bibliotēka", slug="biblioteka"),
    )


def titles(response):
    html = response.content.decode()
    return {
        title
        for title in (
            "Ūdens detektīvi",
            "Bateriju vākšana",
            "Enerģijas patruļa",
            "Lietus ūdens siltumnīcai",
        )
        if f">{title}</a></h2>" in html
    }


@pytest.fixture
def stories(lit, saskanas, make_story):
    detectives = make_story(
        saskanas,
        "Ūdens detektīvi",
        theme="water",
        sdgs=[6],
        audience=PracticeAudience.PRIMARY,
    )
    batteries = make_story(
        saskanas,
        "Bateriju vākšana",
        theme="waste",
        sdgs=[12],
        audience=PracticeAudience.COMMUNITY,
    )
    patrol = make_story(
        lit,
        "Enerģijas patruļa",
        theme="energy",
        sdgs=[7],
        audience=PracticeAudience.VOCATIONAL,
    )
    return detectives, batteries, patrol


def test_library_lists_the_live_stories_of_every_school(client, library, stories):
    response = client.get(library.url)

    assert response.status_code == 200
    assert titles(response) == {
        "Ūdens detektīvi",
        "Bateriju vākšana",
        "Enerģijas patruļa",
    }


def test_library_filters_by_theme(client, library, stories):
    assert titles(client.get(library.url, {"theme": "waste"})) == {"Bateriju vākšana"}


def test_library_filters_by_sustainable_development_goal(client, library, stories):
    assert titles(client.get(library.url, {"sdg": "7"})) == {"Enerģijas patruļa"}


def test_library_filters_by_school(client, library, stories):
    assert titles(client.get(library.url, {"school": "saskanas"})) == {
        "Ūdens detektīvi",
        "Bateriju vākšana",
    }


def test_library_filters_by_audience(client, library, stories):
    assert titles(client.get(library.url, {"audience": "primary"})) == {
        "Ūdens detektīvi"
    }


def test_library_combines_filters(client, library, stories):
    response = client.get(library.url, {"school": "saskanas", "theme": "water"})

    assert titles(response) == {"Ūdens detektīvi"}


def test_library_filters_by_language_of_the_story(
    client, library, stories, django_capture_on_commit_callbacks
):
    detectives = stories[0]
    with django_capture_on_commit_callbacks(execute=True):
        translate(detectives, "en", {"Ūdens detektīvi": "Water detectives"})

    response = client.get(library.url, {"language": "en"})

    html = response.content.decode()
    assert ">Water detectives</a></h2>" in html
    assert titles(response) == set()


def test_english_library_falls_back_to_the_original_of_untranslated_stories(
    client, library, stories, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        library_en = translate(library, "en", {})
        translate(stories[0], "en", {"Ūdens detektīvi": "Water detectives"})

    response = client.get(library_en.url)

    html = response.content.decode()
    assert ">Water detectives</a></h2>" in html
    assert ">Ūdens detektīvi</a></h2>" not in html
    assert '<article class="card story-card" lang="lv">' in html
    assert titles(response) == {"Bateriju vākšana", "Enerģijas patruļa"}


def test_unknown_filter_values_are_ignored(client, library, stories):
    response = client.get(library.url, {"theme": "nav-tadas", "sdg": "99"})

    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_unpublished_stories_stay_out_of_the_library(client, library, stories):
    stories[2].unpublish()

    assert "Enerģijas patruļa" not in titles(client.get(library.url))


def test_library_shows_which_schools_adopted_a_practice(
    client, library, stories, lit, make_story
):
    make_story(lit, "Ūdens detektīvi tehnikumā", adopted_from=stories[0])
    StoryAdoption.objects.create(story=stories[1], school=lit)

    html = client.get(library.url, {"school": "saskanas"}).content.decode()

    adopted = html.split('class="story-card__adopted"')
    assert len(adopted) == 3
    assert all("Latgales Industriālais tehnikums" in part[:300] for part in adopted[1:])


def test_adopters_are_found_in_the_same_number_of_queries_for_more_stories(
    client, library, lit, saskanas, make_story
):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            client.get(library.url)
        return len(queries)

    source = make_story(saskanas, "Avots 1")
    make_story(lit, "Pārņemts 1", adopted_from=source)
    few = count_queries()
    for number in range(2, 6):
        source = make_story(saskanas, f"Avots {number}")
        make_story(lit, f"Pārņemts {number}", adopted_from=source)
        StoryAdoption.objects.get_or_create(story=source, school=lit)

    assert count_queries() == few


def test_library_pages_through_stories_keeping_the_filters(
    client, library, saskanas, make_story
):
    for number in range(13):
        make_story(saskanas, f"Stāsts {number:02d}", theme="water")

    first = client.get(library.url, {"theme": "water"}).content.decode()
    second = client.get(library.url, {"theme": "water", "page": "2"}).content.decode()

    assert 'href="?theme=water&amp;page=2"' in first
    assert first.count('class="card story-card"') == 12
    assert second.count('class="card story-card"') == 1


def test_library_form_works_without_javascript(client, library):
    html = client.get(library.url).content.decode()

    assert '<form class="filters" method="get"' in html
    assert '<label for="id_theme">' in html
    assert "<script" not in html
