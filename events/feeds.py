"""Atom feeds of events: one per school's events section and one for the network."""

from django.utils.html import strip_tags

from events.ical import calendar_name
from home.feeds import FEED_LENGTH, PageFeed


class EventsFeed(PageFeed):
    """The latest announced events of a listing page, newest announcement first."""

    feed_route = "atom_feed"

    def title(self, listing):
        return calendar_name(listing)

    def items(self, listing):
        events = listing.visible_events().order_by("-first_published_at", "-pk")
        return events[:FEED_LENGTH]

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        when = event.local_start().strftime("%Y-%m-%d %H:%M")
        summary = strip_tags(getattr(event, "intro", "") or "")
        return f"{when} · {summary}" if summary else when

    def item_author_name(self, event):
        return event.school_name or None

    def item_categories(self, event):
        return [event.get_event_type_display()]
