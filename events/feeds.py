"""Atom feeds of events: one per school's events section and one for the network."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from events.ical import calendar_name

FEED_LENGTH = 30


class EventsFeed(Feed):
    """The latest announced events of a listing page, newest announcement first."""

    feed_type = Atom1Feed

    def __init__(self, listing):
        super().__init__()
        self.listing = listing

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.listing

    def title(self, listing):
        return calendar_name(listing)

    def link(self, listing):
        return listing.get_full_url(self.request)

    def feed_url(self, listing):
        return self.link(listing) + listing.reverse_subpage("atom_feed")

    def items(self, listing):
        events = listing.visible_events().order_by("-first_published_at", "-pk")
        return events[:FEED_LENGTH]

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        when = event.local_start().strftime("%Y-%m-%d %H:%M")
        summary = strip_tags(getattr(event, "intro", "") or "")
        return f"{when} · {summary}" if summary else when

    def item_link(self, event):
        return event.get_full_url(self.request)

    def item_pubdate(self, event):
        return event.first_published_at

    def item_updateddate(self, event):
        return event.last_published_at or event.first_published_at

    def item_author_name(self, event):
        return event.school_name or None

    def item_categories(self, event):
        return [event.get_event_type_display()]
