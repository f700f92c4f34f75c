"""Subscribing to a calendar: feeds named after whose events they are, and pages
that offer a webcal:// link and the address to copy."""

import html
import re

import feedparser
import pytest
from django.contrib.staticfiles import finders
from icalendar import Calendar

from events.models import NetworkCalendarPage
from home.models import HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SCHOOL = "Latgales Industriālais tehnikums"


def calendar_name(response):
    return str(Calendar.from_ical(response.content)["X-WR-CALNAME"])


@pytest.fixture
def network_calendar(school, django_capture_on_commit_callbacks):
    hub = HomePage.objects.get(locale__language_code="lv")
    calendar = NetworkCalendarPage(title="Pasākumu kalendārs", slug="kalendars")
    with django_capture_on_commit_callbacks(execute=True):
        hub.add_child(instance=calendar)
        calendar.save_revision().publish()
    return NetworkCalendarPage.objects.get(pk=calendar.pk)


def test_a_schools_feed_is_named_after_the_school(client, index, workshop):
    assert calendar_name(client.get(index.url + "ical/")) == f"{SCHOOL}: pasākumi"


def test_a_type_feed_names_the_school_and_the_type(client, index, workshop):
    response = client.get(index.url + "ical/lecture/")

    assert calendar_name(response) == f"{SCHOOL}: pasākumi – Lekcija"


def test_the_network_feed_is_named_after_the_network(client, network_calendar):
    hub = network_calendar.get_parent()

    response = client.get(network_calendar.url + "ical/")

    assert calendar_name(response) == f"{hub.title}: pasākumi"
    assert hub.title != network_calendar.title


def test_the_atom_feed_has_the_same_name(client, index, workshop):
    feed = feedparser.parse(client.get(index.url + "atom/").content)

    assert feed.feed.title == f"{SCHOOL}: pasākumi"


def test_the_listing_offers_a_webcal_link_and_the_address_to_copy(client, index):
    page = client.get(index.url).content.decode()
    address = f"{index.get_full_url()}ical/"

    assert f'href="webcal://{address.split("://", 1)[1]}"' in page
    [field] = re.findall(r"<input[^>]*calendar-feed-all[^>]*>", page)
    assert f'value="{address}"' in field and "readonly" in field
    assert "Kalendāra adrese, ko pievienot" in page
    # The copy button waits hidden for the script; the address is there without it.
    [button] = re.findall(
        r'<button[^>]*data-copy-target="calendar-feed-all"[^>]*>', page
    )
    assert " hidden" in button
    assert "Kopēt adresi" in page
    assert re.search(r'<script src="[^"]*js/copy-address\.js"', page)
    assert "onclick" not in page


def test_every_type_feed_is_offered_with_its_own_address(client, index):
    page = html.unescape(client.get(index.url).content.decode())

    assert f"{index.url}ical/lecture/" in page
    assert "webcal://" in page and page.count('type="text/calendar"') >= 11
    assert "Viena veida pasākumu kalendāri" in page


def test_the_mail_subscription_page_offers_the_calendar_too(client, index):
    page = client.get(index.url + "subscribe/").content.decode()

    assert "webcal://" in page
    assert 'id="calendar-feed-all"' in page
    assert re.search(r'<script src="[^"]*js/copy-address\.js"', page)


def test_the_copy_script_is_a_static_file():
    path = finders.find("js/copy-address.js")

    assert path is not None
    with open(path, encoding="utf-8") as script:
        text = script.read()
    assert "navigator.clipboard" in text and "hidden = false" in text
