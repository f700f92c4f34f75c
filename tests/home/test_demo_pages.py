"""The whole demo network answers: every page in Latvian and English, in a sitemap."""

from urllib.parse import urlsplit

import pytest
from wagtail.models import Locale, Page, Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_network_once, db):
    hub_site = Site.objects.get(is_default_site=True)
    pages = Page.objects.live().public().filter(depth__gt=1).select_related("locale")
    return hub_site, list(pages.specific())


def get(client, url):
    parts = urlsplit(url)
    return client.get(parts.path, HTTP_HOST=parts.netloc or "localhost")


def test_every_latvian_demo_page_has_a_live_english_translation(demo):
    _site, pages = demo
    english = Locale.objects.get(language_code="en")

    untranslated = [
        page.url_path
        for page in pages
        if page.locale.language_code == "lv"
        and not page.get_translations().filter(locale=english).live().exists()
    ]

    assert untranslated == []


def test_every_demo_page_answers_in_both_languages(client, demo):
    hub_site, pages = demo

    failures = []
    for page in pages:
        response = get(client, page.relative_url(hub_site))
        if response.status_code != 200:
            failures.append(
                (page.locale.language_code, page.url_path, response.status_code)
            )

    assert {p.locale.language_code for p in pages} == {"lv", "en"}
    assert failures == []


def test_every_demo_page_is_in_the_sitemap_of_the_site_that_serves_it(client, demo):
    _hub_site, pages = demo
    sitemaps = {}

    missing, checked = [], 0
    for page in pages:
        site = page.get_site()
        if site.pk not in sitemaps:
            response = client.get("/sitemap.xml", HTTP_HOST=site.hostname)
            sitemaps[site.pk] = response.content.decode()
        # A page may leave itself out (an invitation-only survey) or add more.
        for entry in page.get_sitemap_urls():
            checked += 1
            if f"<loc>{entry['location']}</loc>" not in sitemaps[site.pk]:
                missing.append(entry["location"])

    assert len(sitemaps) == Site.objects.count()
    assert checked >= len(pages) * 0.9
    assert missing == []
