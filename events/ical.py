"""iCalendar (RFC 5545) files of events: one event, or a subscribable feed.

Times are written in UTC, so no VTIMEZONE is needed; all-day events are DATE
values in Latvian time. The UID is the same for every translation of an event
and never changes; SEQUENCE rises with each announced change.
"""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event, vText

from events.models.pages import RIGA, EventPage

PRODID = "-//Ekoskolu portals//Events//LV"


def _calendar(name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Riga")
    return calendar


def _component(event: EventPage, request=None, method_cancel=False):
    component = Event()
    component.add("uid", event.uid)
    component.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    component.add("sequence", event.sequence)
    component.add("summary", event.title)
    if event.all_day:
        component.add("dtstart", timezone.localtime(event.start, RIGA).date())
        component.add(
            "dtend",
            timezone.localtime(event.end, RIGA).date() + datetime.timedelta(days=1),
        )
    else:
        component.add("dtstart", event.start.astimezone(datetime.UTC))
        component.add("dtend", event.end.astimezone(datetime.UTC))
    location = ", ".join(
        part for part in (event.location_name, event.location_address) if part
    )
    if location:
        component.add("location", vText(location))
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    if event.intro:
        component.add("description", event.intro)
    url = event.get_full_url(request)
    if url:
        component.add("url", url)
    if event.organiser_email:
        organiser = f"mailto:{event.organiser_email}"
        component.add(
            "organizer", organiser, parameters={"CN": event.organiser_name or organiser}
        )
    cancelled = event.is_cancelled or method_cancel
    component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    component.add("last-modified", event.last_published_at or timezone.now())
    return component


def event_calendar(event: EventPage, request=None) -> bytes:
    calendar = _calendar()
    calendar.add_component(_component(event, request))
    return calendar.to_ical()


def feed(events, *, name, request=None) -> bytes:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_component(event, request))
    return calendar.to_ical()


def attachment(event: EventPage) -> dict:
    """The event as an outbox attachment (text/calendar)."""
    return {
        "filename": f"{event.slug}.ics",
        "mimetype": "text/calendar",
        "content": event_calendar(event).decode(),
    }
