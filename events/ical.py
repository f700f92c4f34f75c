"""iCalendar (RFC 5545) files of events: one event, or a subscribable feed.

Times are written in UTC, so no VTIMEZONE is needed; all-day events are DATE
values in Latvian time. The UID is the same for every translation of an event
and never changes; SEQUENCE rises with each announced change.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

from events.choices import EventType
from home.timezones import RIGA

PRODID = "-//Ekoskolu portals//Events//LV"


def _calendar(name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", RIGA.key)
    return calendar


def _component(event, request=None):
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
    cancelled = event.is_cancelled
    component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    component.add("last-modified", event.last_published_at or timezone.now())
    return component


def event_calendar(event, request=None) -> bytes:
    calendar = _calendar()
    calendar.add_component(_component(event, request))
    return calendar.to_ical()


def feed(events, *, name, request=None) -> bytes:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_component(event, request))
    return calendar.to_ical()


def feed_owner(listing):
    """Whose events a listing shows: its school, or the network of the hub."""
    school = getattr(listing, "school", None)
    if school is not None:
        return school.title
    return listing.get_parent().specific.title


def calendar_name(listing, event_type=None):
    """The name a calendar program shows for a feed, in the listing's language.

    The listing's own title is only "Pasākumi", the same for every school; a
    subscriber with two schools' calendars must tell them apart.
    """
    with translation.override(listing.locale.language_code):
        owner = feed_owner(listing)
        if event_type in EventType.values:
            return _("%(owner)s: events – %(type)s") % {
                "owner": owner,
                "type": EventType(event_type).label,
            }
        return _("%(owner)s: events") % {"owner": owner}


@dataclass(frozen=True)
class Subscription:
    """One feed as offered on a page: a calendar program's link and the address."""

    label: str
    name: str
    url: str

    @property
    def webcal_url(self):
        # webcal:// makes the browser hand the address to the calendar program,
        # which subscribes to it instead of importing the file once.
        return "webcal://" + self.url.split("://", 1)[-1]


def subscriptions(listing, request=None):
    """Every feed of a listing: all its events, then one per event type."""
    base = listing.get_full_url(request)
    if not base:
        return []
    every = base + listing.reverse_subpage("ical_feed")
    feeds = [Subscription(_("All events"), calendar_name(listing), every)]
    feeds += [
        Subscription(
            label,
            calendar_name(listing, value),
            base + listing.reverse_subpage("ical_type_feed", args=[value]),
        )
        for value, label in EventType.choices
    ]
    return feeds


def attachment(event) -> dict:
    """The event as an outbox attachment (text/calendar)."""
    return {
        "filename": f"{event.slug}.ics",
        "mimetype": "text/calendar",
        "content": event_calendar(event).decode(),
    }
