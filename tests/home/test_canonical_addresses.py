"""One address per page: a school's pages are served and linked on its own host."""

import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import urlparse

import pytest
from wagtail.models import Site

from events.models import EventIndexPage, Registration
from home.translation import translate
from tests.events.conftest import registration_post
from tests.factories import EventPageFactory, section

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def workshop(network):
    return EventPageFactory(parent=section(network["lit"], EventIndexPage))


def test_a_schools_page_at_the_hubs_address_redirects_to_its_own_host(workshop, client):
    response = client.get("/lit/pasakumi/radosa-darbnica-viesiem/?from=card")

    assert response.status_code == 301
    assert response["Location"] == (
        "http://lit.localhost/pasakumi/radosa-darbnica-viesiem/?from=card"
    )


def test_a_sub_route_keeps_its_place_below_the_page_when_redirected(workshop, client):
    response = client.get("/lit/pasakumi/radosa-darbnica-viesiem/ical/")

    assert response.status_code == 301
    assert response["Location"] == (
        "http://lit.localhost/pasakumi/radosa-darbnica-viesiem/ical/"
    )


def test_english_pages_redirect_to_the_english_address_on_the_schools_host(
    workshop, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        english = translate(
            workshop,
            "en",
            {
                "Radošā darbnīca viesiem": "Creative workshop for guests",
                "radosa-darbnica-viesiem": "creative-workshop",
            },
        )
    hub_path = english.get_url_parts()[2]
    assert hub_path == "/en/events/creative-workshop/"

    response = client.get("/en/lit/events/creative-workshop/")

    assert response.status_code == 301
    assert response["Location"] == "http://lit.localhost/en/events/creative-workshop/"


def test_a_form_posted_at_the_other_address_is_not_handled(workshop, client):
    response = client.post(
        "/lit/pasakumi/radosa-darbnica-viesiem/register/", registration_post()
    )

    assert response.status_code == 400
    assert "http://lit.localhost/pasakumi/radosa-darbnica-viesiem/" in (
        response.content.decode()
    )
    assert not Registration.objects.exists()


def test_a_registration_at_the_schools_host_stays_on_that_host(workshop, client):
    response = client.post(
        "/pasakumi/radosa-darbnica-viesiem/register/",
        registration_post(),
        HTTP_HOST="lit.localhost",
    )

    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(("/pasakumi/", "http://lit.localhost/pasakumi/")), (
        location
    )
    registration = Registration.objects.get()
    assert registration.token in location


def test_the_hub_links_to_schools_pages_on_their_own_host(workshop, client):
    html = client.get("/").content.decode()

    assert 'href="http://lit.localhost/"' in html
    assert 'href="/lit/' not in html


def test_every_page_names_its_canonical_address(workshop, client):
    on_own_host = client.get(
        "/pasakumi/radosa-darbnica-viesiem/", HTTP_HOST="lit.localhost"
    ).content.decode()
    hub = client.get("/").content.decode()
    hub_root = Site.objects.get(is_default_site=True).root_url

    assert (
        '<link rel="canonical" '
        'href="http://lit.localhost/pasakumi/radosa-darbnica-viesiem/">'
    ) in on_own_host
    assert f'<link rel="canonical" href="{hub_root}/">' in hub


def sitemap_locations(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    root = ET.fromstring(body)  # noqa: S314 (the portal's own sitemap)
    return [element.text for element in root.iter(f"{SITEMAP}loc")]


def test_sitemaps_list_each_page_once_on_its_canonical_host(workshop, client):
    sites = {
        "localhost": sitemap_locations(client, "localhost"),
        "lit.localhost": sitemap_locations(client, "lit.localhost"),
        "lvt.localhost": sitemap_locations(client, "lvt.localhost"),
    }

    every_location = Counter(url for urls in sites.values() for url in urls)
    assert [url for url, count in every_location.items() if count > 1] == []
    for host, urls in sites.items():
        assert urls, host
        assert {urlparse(url).hostname for url in urls} == {host}, urls
    assert (
        "http://lit.localhost/pasakumi/radosa-darbnica-viesiem/"
        in sites["lit.localhost"]
    )
