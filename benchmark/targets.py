"""What the benchmark loads, and how many SQL queries each page costs.

The same list drives `make bench` and the query-count tests, so the pages the
tests hold flat are the pages the benchmark times.
"""

import datetime
from dataclasses import asdict, dataclass

from django.core.cache import cache
from django.db import connection
from django.templatetags.static import static
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale

from benchmark.network import add_children
from events.models import EventIndexPage, EventPage, NetworkCalendarPage, Registration
from home.models import HomePage, SchoolPage
from stories.models import GoodPracticeLibraryPage, GoodPracticeStoryPage

WORKSHOP_SLUG = "popularais-meistarklase"
WORKSHOP_SEATS = 100


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    path: str
    # Text the answer holds when it shows what it should: a fast empty page or an
    # ignored query parameter proves nothing.
    expect: str
    # False for pages built per visitor (forms with a CSRF token): never cached.
    cacheable: bool = True


@dataclass(frozen=True)
class Measured:
    status: int
    queries: int
    shows_content: bool


def benchmarked_school():
    """The first generated school: every generated school has the same share."""
    default = Locale.get_default()
    school = (
        SchoolPage.objects.filter(locale=default, slug__startswith="ekoskola-")
        .order_by("slug")
        .first()
    )
    if school is None:
        raise RuntimeError("No generated school: run generate_network first.")
    return school


def page_path(page):
    """The path of a page on its site, without scheme and host."""
    url = page.get_url()
    if "://" in url:
        url = "/" + url.split("://", 1)[1].partition("/")[2]
    return url


def popular_workshop(school):
    """A workshop opening now with a hundred seats and a waiting list, emptied.

    The registration load targets it; a run starts from no registrations so its
    overbooking check counts only that run.
    """
    index = EventIndexPage.objects.child_of(school).get()
    workshop = EventPage.objects.child_of(index).filter(slug=WORKSHOP_SLUG).first()
    if workshop is None:
        start = timezone.now() + datetime.timedelta(days=30)
        (workshop,) = add_children(
            index,
            [
                EventPage(
                    title="Populārā ūdens meistarklase",
                    slug=WORKSHOP_SLUG,
                    event_type="workshop_guests",
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    intro="Meistarklase, uz kuru piesakās visi uzreiz.",
                    registration_enabled=True,
                    capacity=WORKSHOP_SEATS,
                    waitlist_enabled=True,
                    registration_opens_at=timezone.now() - datetime.timedelta(days=1),
                    organiser_notice="none",
                )
            ],
        )
    Registration.objects.filter(event=workshop).delete()
    return workshop


def workshop_page():
    index = EventIndexPage.objects.child_of(benchmarked_school()).get()
    return EventPage.objects.child_of(index).get(slug=WORKSHOP_SLUG)


def bench_targets():
    """The pages, feeds and API list the benchmark loads, in the default language."""
    school = benchmarked_school()
    default = school.locale
    events = EventIndexPage.objects.child_of(school).get()
    event = (
        EventPage.objects.child_of(events)
        .live()
        .filter(registration_enabled=False, start__gte=timezone.now())
        .order_by("start")
        .first()
    )
    calendar = NetworkCalendarPage.objects.filter(locale=default).first()
    library = GoodPracticeLibraryPage.objects.filter(locale=default).first()
    # Filtered by what a published story has, so the filtered list is not empty.
    sample = (
        GoodPracticeStoryPage.objects.filter(locale=default, theme__isnull=False)
        .live()
        .select_related("theme")
        .order_by("path")
        .first()
    )
    library_query = (
        f"?theme={sample.theme.slug}&audience={sample.audience}" if sample else ""
    )
    workshop = popular_workshop(school)
    hub = HomePage.objects.filter(locale=default).get()
    return [
        Target("home", "Home (hub)", "/", escape(hub.title)),
        Target(
            "calendar", "Network calendar", page_path(calendar), escape(event.title)
        ),
        Target(
            "school_events", "A school's events", page_path(events), escape(event.title)
        ),
        Target("event", "Event page", page_path(event), escape(event.title)),
        Target(
            "library",
            "Good-practice library, filtered",
            page_path(library) + library_query,
            'class="story-card__meta"',
        ),
        Target(
            "search", "Search", "/search/?query=%C5%ABdens", 'class="search-result"'
        ),
        Target("api", "API: event list", "/api/v2/events/?limit=20", '"title":'),
        Target(
            "ical",
            "School's iCalendar feed",
            page_path(events) + "ical/",
            "BEGIN:VEVENT",
        ),
        Target(
            "workshop",
            "Workshop with a form",
            page_path(workshop),
            "csrfmiddlewaretoken",
            cacheable=False,
        ),
        Target(
            "static", "Static file (reference)", static("css/portal.css"), "font-family"
        ),
    ]


def count_queries(targets, *, host="localhost"):
    """Each target on a cold cache: {name: Measured(status, queries, content)}."""
    client = Client(HTTP_HOST=host)
    counts = {}
    for target in targets:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(target.path)
            # Read to the end, as a WSGI server would: the test client then closes
            # a streamed file without closing the caller's database connection.
            body = (
                b"".join(response.streaming_content)
                if response.streaming
                else response.content
            )
        counts[target.name] = Measured(
            response.status_code, len(queries), target.expect in body.decode()
        )
    return counts


def as_dicts(targets):
    return [asdict(target) for target in targets]
