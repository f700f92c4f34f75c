"""The Atom feed of a listing page, which each app's feed fills with its items."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 30


class PageFeed(Feed):
    """A feed served by a page's own route: the page is the feed's object.

    Subclasses name the route (`feed_route`) and say which items the page lists;
    links are absolute for the site the request came in on.
    """

    feed_type = Atom1Feed
    feed_route = "feed_route"

    def __init__(self, page):
        super().__init__()
        self.page = page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.page

    def link(self, page):
        return page.get_full_url(self.request)

    def feed_url(self, page):
        return self.link(page) + page.reverse_subpage(self.feed_route)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at
