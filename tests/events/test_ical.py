"""iCalendar files: valid, stable UID, rising SEQUENCE, cancellations."""

import datetime
import re

import pytest
from django.utils import timezone
from icalendar import Calendar

from events import services
from home.timezones import RIGA

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

UTC_STAMP = re.compile(r"^\d{8}T\d{6}Z$")


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def raw_line(content, name):
    unfolded = content.decode().replace("\r\n ", "").replace("\r\n", "\n")
    return re.search(rf"^{name}[;:](.*)$", unfolded, re.MULTILINE).group(0)


def test_event_ics_is_well_formed(client, workshop):
    response = client.get(workshop.url + "ical/")

    calendar = parse(response)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//Ekoskolu portals//Events//LV"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == workshop.uid
    assert UTC_STAMP.match(raw_line(response.content, "DTSTAMP").split(":", 1)[1])
    assert UTC_STAMP.match(raw_line(response.content, "DTSTART").split(":", 1)[1])
    assert event.decoded("DTSTART") == workshop.start
    assert event.decoded("DTEND") == workshop.end
    assert str(event["SUMMARY"]) == "Radošā darbnīca viesiem"
    assert "LIT aktu zāle" in str(event["LOCATION"])
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"


def test_all_day_event_uses_dates(client, make_event):
    # A whole day in Riga, whatever the time the test runs at.
    day = timezone.localdate(timezone=RIGA) + datetime.timedelta(days=10)
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=RIGA)
    event = make_event(
        all_day=True, start=start, end=start + datetime.timedelta(hours=8)
    )

    calendar = parse(client.get(event.url + "ical/"))

    [component] = calendar.walk("VEVENT")
    start = component.decoded("DTSTART")
    assert isinstance(start, datetime.date)
    assert not isinstance(start, datetime.datetime)
    assert component.decoded("DTEND") == start + datetime.timedelta(days=1)


def test_uid_is_stable_across_edits_and_translations(
    client, workshop, workshop_en, django_capture_on_commit_callbacks
):
    before = parse(client.get(workshop.url + "ical/"))
    workshop.title = "Pārdēvēta darbnīca"
    with django_capture_on_commit_callbacks(execute=True):
        workshop.save_revision().publish()

    after = parse(client.get(workshop.url + "ical/"))
    english = parse(client.get(workshop_en.url + "ical/"))

    uids = {
        str(calendar.walk("VEVENT")[0]["UID"]) for calendar in (before, after, english)
    }
    assert uids == {workshop.uid}


def test_announced_change_raises_sequence_and_cancellation_is_marked(
    client, workshop, admin_user, django_capture_on_commit_callbacks
):
    later = workshop.start + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_event(
            workshop,
            user=admin_user,
            reason="Zāle aizņemta",
            start=later,
            end=later + datetime.timedelta(hours=2),
        )
    changed = parse(client.get(workshop.url + "ical/")).walk("VEVENT")[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.change_event(
            workshop, user=admin_user, reason="Slimība", cancel_event=True
        )
    cancelled = parse(client.get(workshop.url + "ical/")).walk("VEVENT")[0]

    assert changed["SEQUENCE"] == 1
    assert changed.decoded("DTSTART") == later
    assert cancelled["SEQUENCE"] == 2
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["UID"]) == workshop.uid


def test_school_feed_lists_its_events_and_type_feed_only_that_type(
    client, index, make_event
):
    make_event("Darbnīca")
    make_event("Lekcija par ūdeni", event_type="lecture")

    everything = parse(client.get(index.url + "ical/"))
    lectures = parse(client.get(index.url + "ical/lecture/"))

    assert sorted(str(e["SUMMARY"]) for e in everything.walk("VEVENT")) == [
        "Darbnīca",
        "Lekcija par ūdeni",
    ]
    assert [str(e["SUMMARY"]) for e in lectures.walk("VEVENT")] == ["Lekcija par ūdeni"]
    assert client.get(index.url + "ical/nonsense/").status_code == 404


def test_pages_link_their_calendars_in_the_head(client, workshop, index):
    event_html = client.get(workshop.url).content.decode()
    index_html = client.get(index.url).content.decode()

    assert (
        f'<link rel="alternate" type="text/calendar" title="{workshop.title}" '
        f'href="{workshop.url}ical/">'
    ) in event_html
    assert f'type="text/calendar" title="{index.title}" href="{index.url}ical/"' in (
        index_html
    )
    assert "calendar.google.com/calendar/render" in event_html
