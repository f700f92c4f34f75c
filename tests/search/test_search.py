"""Search across the network: both languages, Latvian diacritics, filters, bad input.

Runs on SQLite (FTS5) and, in the PostgreSQL pass, on PostgreSQL's text search.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from home.models import ContentPage, EcoTheme
from home.translation import translate
from search.text import clean_query, highlight

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def add_page(parent, title, intro, slug):
    page = parent.add_child(
        instance=ContentPage(title=title, intro=intro, slug=slug, live=False)
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def content(network):
    lit, lvt = network["lit"], network["lvt"]
    water = add_page(
        lit,
        "Ūdens taupīšana",
        "Skolēni skolā mēra, cik ūdens aiztek no pilošiem krāniem.",
        "udens-taupisana",
    )
    translate(
        water,
        "en",
        {
            "Ūdens taupīšana": "Saving water",
            "Skolēni skolā mēra, cik ūdens aiztek no pilošiem krāniem.": (
                "Pupils measure how much water drips away from leaking taps."
            ),
            "udens-taupisana": "saving-water",
        },
    )
    add_page(lvt, "Atkritumu šķirošana", "Šķirojam papīru un plastmasu.", "skirosana")
    return {"water": water}


def search(client, host="testserver", **params):
    return client.get("/search/", params, HTTP_HOST=host).content.decode()


def results_of(html):
    """The result list only, without the navigation and the filter choices."""
    if '<ol class="search-results"' not in html:
        return ""
    return html.split('<ol class="search-results"')[1].split("</ol>")[0]


def test_search_without_diacritics_finds_text_with_them(client, content):
    html = search(client, query="udens")

    assert ">Ūdens taupīšana</a>" in html
    assert "<mark>ūdens</mark>" in html


def test_search_with_diacritics_finds_the_same_words(client, content):
    html = search(client, query="skolā")

    assert ">Ūdens taupīšana</a>" in html
    assert "<mark>skolā</mark>" in html


def test_results_show_type_school_date_and_snippet(client, content):
    html = search(client, query="krāniem")

    assert "<span>Satura lapa</span>" in html
    assert "<span>Latgales Industriālais tehnikums</span>" in html
    assert "<time datetime=" in html
    assert "no pilošiem <mark>krāniem</mark>." in html


def test_english_search_finds_english_pages_only(client, content):
    english = client.get("/en/search/", {"query": "water"}).content.decode()
    latvian = search(client, query="water")

    assert ">Saving water</a>" in english
    assert "Ūdens taupīšana" not in english
    assert "Saving water" not in latvian


def test_filter_by_school(client, content):
    in_lvt = results_of(search(client, query="skolēni šķirojam", school="lvt"))
    in_lit = results_of(search(client, query="skolēni", school="lit"))

    assert in_lvt == ""
    assert "Ūdens taupīšana" in in_lit


def test_filter_by_page_type(client, content):
    by_type = results_of(search(client, query="tehnikums", type="home.schoolpage"))
    other_type = results_of(search(client, query="tehnikums", type="home.contentpage"))

    assert ">Latgales Industriālais tehnikums</a>" in by_type
    assert ">Latgales Industriālais tehnikums</a>" not in other_type


def test_a_schools_own_site_searches_only_that_school(client, content):
    own_site = results_of(search(client, host="lvt.localhost", query="ūdens"))
    hub = results_of(search(client, query="ūdens"))

    assert "Ūdens taupīšana" in hub
    assert "Ūdens taupīšana" not in own_site


def test_unknown_theme_filter_finds_nothing_rather_than_failing(client, content):
    assert EcoTheme.objects.filter(slug="water").exists()

    html = search(client, query="ūdens", theme="no-such-theme")

    assert "0 rezultātu" in html or "0 results" in html or "Nekas" in html


@pytest.mark.parametrize(
    "raw",
    ['"', "*", "ūdens AND (", "NEAR(x y)", "a:b", "' OR 1=1 --", "\x00\x07", "💧💧"],
)
def test_odd_queries_get_a_friendly_page(client, content, raw):
    response = client.get("/search/", {"query": raw})

    assert response.status_code == 200


def test_empty_query_asks_for_a_word(client, content):
    html = search(client, query="   ")

    assert "Ierakstiet vārdu, ko meklēt." in html


def test_very_long_query_is_shortened_with_a_notice(client, content):
    html = search(client, query="ūdens " * 60)

    assert "saīsināts līdz pirmajām 200 rakstzīmēm" in html
    assert ">Ūdens taupīšana</a>" in html


def test_editors_promote_a_result_for_a_query(client, content):
    SearchPromotion.objects.create(
        query=Query.get("krāni"), page=content["water"], description="Sāc ar šo!"
    )

    html = search(client, query="krāni")

    assert "Iesakām" in html
    assert "Sāc ar šo!" in html


def test_suggestions_return_titles_as_json(client, content):
    response = client.get("/search/suggest/", {"query": "udens"})

    titles = [s["title"] for s in response.json()["suggestions"]]
    assert "Ūdens taupīšana" in titles


def test_queries_per_search_do_not_grow_with_results(client, network):
    def queries_for(count):
        for number in range(count):
            add_page(
                network["lit"],
                f"Ūdens diena {count}-{number}",
                "Ūdens.",
                f"d{count}-{number}",
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/", {"query": "ūdens"}).status_code == 200
        return len(queries)

    few = queries_for(2)
    many = queries_for(12)

    assert many <= few + 1  # one more page of results may need the count


def test_snippet_highlights_whole_words_without_diacritics():
    snippet = highlight("<p>Ūdens ir dzīvība. Taupīsim ūdeni!</p>", "udens")

    assert snippet == "<mark>Ūdens</mark> ir dzīvība. Taupīsim ūdeni!"


def test_clean_query_keeps_words_and_reports_shortening():
    assert clean_query('  "ūdens" AND (krāni)* ') == ("ūdens AND krāni", False)
    assert clean_query("a" * 201)[1] is True
