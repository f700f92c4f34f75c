"""Event sections, the network calendar and environmental days, as visitors see them."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from events.models import (
    DayAdoption,
    EnvironmentalDay,
    EventIndexPage,
    EventPage,
    NetworkCalendarPage,
)
from home.models import HomePage, SchoolPage
from home.schools import get_hub
from tests.factories import EventPageFactory, section

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_event_pages_live_only_under_a_school_events_section(wagtail_tests):
    wagtail_tests.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
    wagtail_tests.assertAllowedSubpageTypes(EventPage, set())
    wagtail_tests.assertAllowedParentPageTypes(EventIndexPage, {SchoolPage})
    wagtail_tests.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
    wagtail_tests.assertCanNotCreateAt(SchoolPage, EventPage)
    wagtail_tests.assertCanNotCreateAt(HomePage, EventIndexPage)


def test_the_network_calendar_lives_under_the_network_home_page(wagtail_tests):
    wagtail_tests.assertAllowedParentPageTypes(NetworkCalendarPage, {HomePage})
    wagtail_tests.assertAllowedSubpageTypes(NetworkCalendarPage, set())
    wagtail_tests.assertCanNotCreateAt(SchoolPage, NetworkCalendarPage)


def test_an_event_and_its_section_render_with_their_calendar_files(
    wagtail_tests, index, workshop
):
    wagtail_tests.assertPageIsRenderable(index)
    wagtail_tests.assertPageIsRenderable(index, "ical/")
    wagtail_tests.assertPageIsRenderable(workshop)
    wagtail_tests.assertPageIsRenderable(workshop, "ical/")


def test_every_new_school_gets_an_events_section_in_both_languages(school, index):
    english = index.get_translation(
        index.locale.__class__.objects.get(language_code="en")
    )

    assert index.title == "Pasākumi" and index.slug == "pasakumi"
    assert english.title == "Events" and english.slug == "events"


@pytest.fixture
def calendar(school, django_capture_on_commit_callbacks):
    hub = get_hub()
    page = NetworkCalendarPage(title="Kalendārs", slug="kalendars")
    hub.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def test_upcoming_list_shows_future_events_soonest_first(client, index, make_event):
    make_event("Vēlāk", days=20)
    make_event("Drīz", days=2)
    make_event("Pagājis", days=-5)

    html = client.get(index.url).content.decode()

    assert html.index("Drīz") < html.index("Vēlāk")
    assert "Pagājis" not in html


def test_archive_shows_past_events(client, index, make_event):
    make_event("Pagājis", days=-5)
    make_event("Drīz", days=2)

    html = client.get(index.url + "archive/").content.decode()

    assert "Pagājis" in html
    assert "Drīz" not in html


def test_drafts_do_not_show(client, index, make_event):
    make_event("Melnraksts", publish=False)

    assert "Melnraksts" not in client.get(index.url).content.decode()


def test_month_view_puts_events_on_their_days(client, index, make_event):
    event = make_event("Ūdens diena", days=3)
    start = timezone.localtime(event.start)

    html = client.get(f"{index.url}month/{start.year}/{start.month}/").content.decode()

    assert '<table class="month">' in html
    assert "Ūdens diena" in html
    assert client.get(f"{index.url}month/2026/13/").status_code == 404


def test_type_filter_keeps_only_that_type(client, index, make_event):
    make_event("Lekcija", event_type="lecture")
    make_event("Darbnīca")

    html = client.get(index.url, {"type": "lecture"}).content.decode()

    assert "Lekcija" in html
    assert "Darbnīca</a>" not in html


def test_audience_filter_keeps_only_that_audience(client, index, make_event):
    make_event("Skolēniem", audience="students")
    make_event("Viesiem", audience="guests")

    html = client.get(index.url, {"audience": "students"}).content.decode()

    assert "Skolēniem" in html
    assert "Viesiem</a>" not in html


def test_theme_filter_keeps_only_events_of_that_theme(client, index, make_event):
    from home.models import EcoTheme

    water = EcoTheme.objects.create(name="Ūdens", slug="water")
    themed = make_event("Par ūdeni", publish=False)
    themed.themes.add(water)
    themed.save_revision().publish()
    make_event("Par atkritumiem")

    html = client.get(index.url, {"theme": "water"}).content.decode()

    assert "Par ūdeni" in html
    assert "Par atkritumiem" not in html


def test_listing_is_paginated_with_working_links(client, index, make_event):
    for number in range(14):
        make_event(f"Pasākums {number:02d}", days=number + 1)

    first = client.get(index.url).content.decode()
    second = client.get(index.url, {"page": 2}).content.decode()

    assert "Pasākums 00" in first and "Pasākums 13" not in first
    assert "Pasākums 13" in second
    assert 'rel="next" href="?page=2"' in first


def test_network_calendar_lists_all_schools_and_filters_by_school(
    client, calendar, make_event, other_school
):
    make_event("LIT darbnīca")
    start = timezone.now() + datetime.timedelta(days=4)
    EventPageFactory(
        parent=section(other_school, EventIndexPage),
        title="LVT lekcija",
        start=start,
        end=start + datetime.timedelta(hours=1),
        event_type="lecture",
    )

    everything = client.get(calendar.url).content.decode()
    only_lvt = client.get(calendar.url, {"school": "lvt"}).content.decode()

    assert "LIT darbnīca" in everything and "LVT lekcija" in everything
    assert "LVT lekcija" in only_lvt and "LIT darbnīca" not in only_lvt


def test_environmental_day_dates_follow_their_rules():
    earth_day = EnvironmentalDay(name="Zemes diena", month=4, day=22, rule="fixed")
    earth_hour = EnvironmentalDay(
        name="Zemes stunda", month=3, rule="weekday", weekday=5, ordinal=-1
    )

    assert earth_day.date_in(2026) == datetime.date(2026, 4, 22)
    assert earth_hour.date_in(2026) == datetime.date(2026, 3, 28)
    assert earth_hour.date_in(2025) == datetime.date(2025, 3, 29)


def test_hub_shows_which_schools_take_part_in_each_day(client, calendar, school):
    water_day = EnvironmentalDay.objects.create(
        name="Pasaules ūdens diena", slug="water-day", month=3, day=22
    )
    EnvironmentalDay.objects.create(
        name="Zemes diena", slug="earth-day", month=4, day=22
    )
    DayAdoption.objects.create(day=water_day, school=school, year=2026)

    html = client.get(calendar.url + "environmental-days/", {"year": 2026}).content
    html = html.decode()

    row = html[html.index("Pasaules ūdens diena") :]
    assert "Latgales Industriālais tehnikums" in row[: row.index("</tr>")]
    earth = html[html.index("Zemes diena") :]
    assert "Latgales Industriālais tehnikums" not in earth[: earth.index("</tr>")]


def test_event_page_shows_facts_and_add_to_calendar(client, workshop):
    html = client.get(workshop.url).content.decode()

    assert "LIT aktu zāle" in html
    assert "Varšavas iela 24, Daugavpils" in html
    assert f'href="{workshop.url}ical/"' in html
    assert Page.objects.get(pk=workshop.pk).live
