"""Every page a visitor reaches on a loaded network, for the tests that check them all.

The sitemaps of every site (the hub's and each school's) list the pages; the
hreflang alternates of the sitemaps and of the pages themselves add the other
language. Pages no sitemap lists, because they sit behind a route, a form or a
personal link, are added by `reachable_extras`: the archive and a month of each
event listing, its subscription form, search results, and the pages behind the
links of a registration and a subscription.
"""

from collections import deque
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Site

from events import services
from events.models import (
    EventIndexPage,
    EventPage,
    NetworkCalendarPage,
    Subscription,
)

SITEMAP_NAMESPACES = {
    "sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
# Long enough to overflow a phone's width unless the page lets it wrap.
LONG_EMAIL = "ilze.berzina-kalnina.vides-izglitibas-koordinatore@ekoskola.example.lv"
# A word the demo's pages of each language contain, and one none does.
SEARCH_QUERIES = {"lv": "ūdens", "en": "water"}
NOTHING_FOUND = "ekoskola"


@dataclass(frozen=True, order=True)
class Url:
    """A page as a visitor asks for it: the host name (no port) and the path."""

    host: str
    path: str

    @classmethod
    def parse(cls, address):
        parts = urlsplit(address)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return cls(parts.hostname, path)

    @property
    def language(self):
        """The language of the page, from its prefix (Latvian has none)."""
        prefix = self.path.lstrip("/").split("/", 1)[0]
        codes = {code for code, _name in settings.LANGUAGES}
        return prefix if prefix in codes else settings.LANGUAGE_CODE

    def on_port(self, port):
        return f"http://{self.host}:{port}{self.path}"

    def __str__(self):
        return f"{self.host}{self.path}"


class _Alternates(HTMLParser):
    """The hreflang alternates a page links to in its head."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if (
            tag == "link"
            and attributes.get("rel") == "alternate"
            and attributes.get("hreflang")
        ):
            self.found.append(attributes["href"])


def sitemap_urls(client):
    """Every page each site's sitemap lists, with its language alternates."""
    found = []
    for site in Site.objects.order_by("hostname"):
        response = client.get("/sitemap.xml", HTTP_HOST=site.hostname)
        assert response.status_code == 200, f"{site.hostname}/sitemap.xml"
        # The portal's own sitemap, not untrusted input.
        tree = ElementTree.fromstring(response.content)  # noqa: S314
        for entry in tree.iterfind("sitemap:url", SITEMAP_NAMESPACES):
            found.append(
                Url.parse(entry.findtext("sitemap:loc", "", SITEMAP_NAMESPACES))
            )
            for link in entry.iterfind("xhtml:link", SITEMAP_NAMESPACES):
                found.append(Url.parse(link.get("href")))
    return found


def _page_url(page):
    return Url.parse(page.get_full_url())


def _month_with_events(listing):
    upcoming = (
        listing.visible_events()
        .filter(end__gte=timezone.now())
        .order_by("start")
        .first()
    )
    day = timezone.localdate(upcoming.start) if upcoming else timezone.localdate()
    return day.year, day.month


def reachable_extras():
    """Pages visitors reach that no sitemap lists.

    Makes a registration and a subscription (with a long e-mail address, which a
    phone's width must wrap) to have their personal links.
    """
    extras = []
    listings = [
        *EventIndexPage.objects.live().public().specific(),
        *NetworkCalendarPage.objects.live().public().specific(),
    ]
    for listing in listings:
        base = _page_url(listing)
        year, month = _month_with_events(listing)
        for route in ("archive/", f"month/{year}/{month}/", "subscribe/"):
            extras.append(Url(base.host, base.path + route))
        if isinstance(listing, NetworkCalendarPage):
            extras.append(Url(base.host, base.path + "environmental-days/"))

    languages = [locale.language_code for locale in Locale.objects.order_by("pk")]
    hosts = sorted({site.hostname for site in Site.objects.all()})
    for host in hosts:
        for language in languages:
            with translation.override(language):
                search = reverse("search")
            extras.append(Url(host, search))
            for query in (SEARCH_QUERIES[language], NOTHING_FOUND):
                extras.append(Url(host, f"{search}?{urlencode({'query': query})}"))

    event = (
        EventPage.objects.live()
        .filter(
            locale=Locale.get_default(),
            registration_enabled=True,
            end__gte=timezone.now(),
        )
        .order_by("start")
        .first()
    )
    assert event is not None, "the network has no upcoming event to register for"
    registration = services.register(
        event,
        services.RegistrationData(
            name="Ilze Bērziņa-Kalniņa",
            email=LONG_EMAIL,
            organisation="Vides izglītības centrs",
            participants=1,
        ),
        force=True,
    )
    for translated in event.get_translations(inclusive=True).live():
        personal = _page_url(translated)
        link = f"{personal.path}registration/{registration.token}/"
        extras.append(Url(personal.host, link))
        extras.append(Url(personal.host, f"{link}?new=1"))

    subscription = Subscription.objects.create(email=LONG_EMAIL, school=event.school)
    school_host = _page_url(event).host
    for language in languages:
        with translation.override(language):
            for name in ("events:subscription_confirm", "events:unsubscribe"):
                path = reverse(name, args=[subscription.token])
                extras.append(Url(school_host, path))
    return extras


def start_urls(client):
    """The sitemaps' pages and the extras, each once, in a stable order."""
    return list(dict.fromkeys([*sitemap_urls(client), *reachable_extras()]))


def alternates_in(html):
    """The hreflang alternates a page's head links to."""
    parser = _Alternates()
    parser.feed(html)
    return [Url.parse(address) for address in parser.found]


def count_by_site_and_language(urls):
    counts = {}
    for url in urls:
        key = (url.host, url.language)
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


class Frontier:
    """The pages still to visit: each page of the portal's sites once.

    Visiting a page may add its alternates (`add`); addresses on other hosts are
    left out.
    """

    def __init__(self, urls):
        self.hosts = {site.hostname for site in Site.objects.all()}
        self.queue = deque(urls)
        self.seen = set(urls)

    def __iter__(self):
        while self.queue:
            yield self.queue.popleft()

    def add(self, urls):
        for url in urls:
            if url.host in self.hosts and url not in self.seen:
                self.seen.add(url)
                self.queue.append(url)


@dataclass
class Crawl:
    """What a crawl fetched: each page's HTML, and the pages that did not answer 200."""

    documents: dict
    failures: list


def crawl(client):
    """Fetch every page of every site with the test client, under its host name.

    Starts from the sitemaps and the extras, and follows each page's hreflang
    alternates to pages not seen yet.
    """
    frontier = Frontier(start_urls(client))
    documents, failures = {}, []
    for url in frontier:
        response = client.get(url.path, HTTP_HOST=url.host)
        if response.status_code != 200:
            failures.append(f"{url}: HTTP {response.status_code}")
            continue
        documents[url] = response.content.decode()
        frontier.add(alternates_in(documents[url]))
    return Crawl(documents, failures)
