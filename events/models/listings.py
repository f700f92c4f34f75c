"""The listing pages: a school's events section and the network calendar.

`EventListingMixin` is the controller both share: the upcoming list, the
archive, the month view, the filters, pagination and the feeds. A subclass says
which events it lists (`base_events`) and overrides the hooks below it.
"""

import calendar
import datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Locale

from events.choices import EventAudience, EventType, ListingMode
from events.feeds import EventsFeed
from events.forms import SUBSCRIPTIONS, SubscriptionForm, guard_post
from events.ical import calendar_name, feed
from events.models.pages import EventPage
from events.models.seats import Seats, count_seats
from events.models.snippets import DayAdoption, EnvironmentalDay
from home.models import EcoTheme, SchoolPage, SectionPage, schools_of
from home.timezones import RIGA

EVENTS_PER_PAGE = 12


class EventListingMixin(RoutablePageMixin):
    """Upcoming list, archive, month view and iCalendar feeds over some events.

    Subclasses say which events with `base_events()`; filters come from the
    query string (type, audience, school, theme) so every view is a plain link.
    """

    listing_template = "events/event_listing.html"
    # The network calendar also lists the environmental days (its own route).
    shows_environmental_days = False

    def base_events(self):
        raise NotImplementedError

    def school_choices(self):
        """Schools to filter by, or None where the listing is one school's."""
        return None

    def subscription_school(self):
        """The school a subscription made here follows (None: the whole network)."""
        return None

    def visible_events(self):
        return (
            EventPage.objects.live()
            .public()
            .filter(locale=self.locale)
            .filter(pk__in=self.base_events().values("pk"))
        )

    def filter_options(self):
        return {
            "types": EventType.choices,
            "audiences": EventAudience.choices,
            "themes": EcoTheme.objects.filter(locale=self.locale),
            "schools": self.school_choices(),
        }

    def apply_filters(self, request, events):
        chosen = {}
        value = request.GET.get("type", "")
        if value in EventType.values:
            events, chosen["type"] = events.filter(event_type=value), value
        value = request.GET.get("audience", "")
        if value in EventAudience.values:
            events, chosen["audience"] = events.filter(audience=value), value
        value = request.GET.get("theme", "")
        if value:
            events = events.filter(themes__slug=value).distinct()
            chosen["theme"] = value
        value = request.GET.get("school", "")
        if value:
            schools = SchoolPage.objects.filter(slug=value, locale=self.locale)
            school = schools.first()
            if school is not None:
                events = events.descendant_of(school)
                chosen["school"] = value
        return events, chosen

    def render_listing(self, request, events, *, mode, heading, **extra):
        events, chosen = self.apply_filters(request, events)
        paginator = Paginator(events, EVENTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        page_obj.object_list = prefetch_listing_facts(page_obj.object_list)
        query = request.GET.copy()
        query.pop("page", None)
        context = self.get_context(request)
        context.update(
            mode=mode,
            heading=heading,
            events=page_obj,
            paginator=paginator,
            chosen=chosen,
            query=query.urlencode(),
            filters=self.filter_options(),
            today=timezone.localdate(),
            has_days=self.shows_environmental_days,
            weekday_names=[WEEKDAYS_ABBR[day] for day in range(7)],
            **extra,
        )
        return TemplateResponse(request, self.listing_template, context)

    @path("")
    def upcoming(self, request):
        events = self.visible_events().filter(end__gte=timezone.now())
        return self.render_listing(
            request,
            events.order_by("start", "pk"),
            mode=ListingMode.UPCOMING,
            heading=ListingMode.UPCOMING.label,
        )

    @path("archive/")
    def archive(self, request):
        events = self.visible_events().filter(end__lt=timezone.now())
        return self.render_listing(
            request,
            events.order_by("-start", "-pk"),
            mode=ListingMode.ARCHIVE,
            heading=ListingMode.ARCHIVE.label,
        )

    @re_path(r"^month/(?P<year>\d{4})/(?P<month>\d{1,2})/$")
    def month(self, request, year, month):
        year, month = int(year), int(month)
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise Http404
        first = datetime.datetime(year, month, 1, tzinfo=RIGA)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        events = self.visible_events().filter(start__lt=following, end__gte=first)
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        return self.render_listing(
            request,
            events.order_by("start", "pk"),
            mode=ListingMode.MONTH,
            heading=first.date(),
            month_start=first.date(),
            previous_month=previous.date(),
            next_month=following.date(),
            month_weeks=month_weeks(first.date(), events),
        )

    # Wagtail's page URLs allow only word characters and hyphens in a segment,
    # so the feeds end in /ical/ rather than .ics (clients go by the MIME type).
    @path("ical/")
    def ical_feed(self, request):
        return self.feed_response(request, None)

    @path("ical/<slug:event_type>/")
    def ical_type_feed(self, request, event_type):
        if event_type not in EventType.values:
            raise Http404
        return self.feed_response(request, event_type)

    def feed_response(self, request, event_type):
        events = self.visible_events().order_by("start")
        if event_type:
            events = events.filter(event_type=event_type)
        cutoff = timezone.now() - datetime.timedelta(days=365)
        body = feed(
            events.filter(end__gte=cutoff),
            name=calendar_name(self, event_type),
            request=request,
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="calendar.ics"'
        return response

    @path("atom/", name="atom_feed")
    def atom_feed(self, request):
        return EventsFeed(self)(request)

    @path("subscribe/")
    def subscribe(self, request):
        # events.services imports events.models, which imports this module: a circle.
        from events import services

        school = self.subscription_school()
        if request.method != "POST":
            return self.show_subscription_form(request, SubscriptionForm(), school)
        refused = guard_post(request, self, SUBSCRIPTIONS)
        if refused:
            return refused
        form = SubscriptionForm(request.POST)
        if form.is_spam:
            # Robots get the answer people get, and no mail is sent.
            SUBSCRIPTIONS.count(request)
            return self.subscription_sent(request, form.data.get("email", ""))
        if SUBSCRIPTIONS.holds_back(request, form):
            return SUBSCRIPTIONS.too_many(
                self.show_subscription_form(request, form, school)
            )
        if not form.is_valid():
            return self.show_subscription_form(request, form, school, status=400)
        email = form.cleaned_data["email"].strip().lower()
        services.subscribe(
            email,
            school=school,
            language=self.locale.language_code,
            event_types=form.cleaned_data["event_types"],
            base_url=f"{request.scheme}://{request.get_host()}",
        )
        SUBSCRIPTIONS.count(request)
        return self.subscription_sent(request, email)

    def show_subscription_form(self, request, form, school, status=200):
        context = self.get_context(request)
        context.update(form=form, school=school)
        return TemplateResponse(
            request, "events/subscribe.html", context, status=status
        )

    def subscription_sent(self, request, email):
        context = self.get_context(request)
        context.update(
            message=gettext(
                "Almost done: we sent a link to %(email)s. Open it to confirm."
            )
            % {"email": email}
        )
        return TemplateResponse(request, "events/subscription_message.html", context)

    @property
    def feed_url(self):
        return self.url + self.reverse_subpage("ical_feed")


def month_weeks(first, events):
    """Weeks of the month, each a list of (date or None, events that day)."""
    by_day = {}
    for event in events:
        day = timezone.localtime(event.start, RIGA).date()
        last = timezone.localtime(event.end, RIGA).date()
        while day <= last:
            by_day.setdefault(day, []).append(event)
            day += datetime.timedelta(days=1)
    return [
        [
            (day, by_day.get(day, [])) if day.month == first.month else None
            for day in week
        ]
        for week in calendar.Calendar().monthdatescalendar(first.year, first.month)
    ]


class EventIndexPage(EventListingMixin, SectionPage):
    """The events section of one school."""

    parent_page_types = ["home.SchoolPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("Events section")
        verbose_name_plural = _("Events sections")

    def base_events(self):
        return EventPage.objects.child_of(self)

    def subscription_school(self):
        return self.school.in_language() if self.school else None


class NetworkCalendarPage(EventListingMixin, SectionPage):
    """The calendar of every school's events on the hub, and the environmental days.

    A page rather than a route on the hub: editors place it in the menu, give it
    an introduction and a translated slug, and the hub stays a plain page.
    """

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    shows_environmental_days = True

    class Meta:
        verbose_name = _("Network calendar")
        verbose_name_plural = _("Network calendars")

    def base_events(self):
        return EventPage.objects.descendant_of(self.get_parent())

    def school_choices(self):
        return SchoolPage.objects.child_of(self.get_parent()).live().order_by("title")

    @path("environmental-days/")
    def environmental_days(self, request):
        try:
            year = int(request.GET.get("year", timezone.localdate().year))
        except ValueError:
            year = timezone.localdate().year
        year = min(max(year, 2000), 2100)
        days = EnvironmentalDay.objects.filter(locale=self.locale)
        schools = {
            school.translation_key: school
            for school in SchoolPage.objects.live().filter(locale=self.locale)
        }
        adoptions = DayAdoption.objects.filter(year=year).select_related(
            "day", "school"
        )
        taking_part = {}
        for adoption in adoptions:
            school = schools.get(adoption.school.translation_key)
            if school is not None:
                taking_part.setdefault(adoption.day.translation_key, []).append(school)
        rows = sorted(
            (
                (day.date_in(year), day, taking_part.get(day.translation_key, []))
                for day in days
            ),
            key=lambda row: row[0],
        )
        context = self.get_context(request)
        context.update(year=year, rows=rows, previous=year - 1, following=year + 1)
        return TemplateResponse(request, "events/environmental_days.html", context)


def prefetch_listing_facts(events):
    """Fill in what listings show of each event in three queries for all of them.

    A card shows the school, and the seats of the default-locale event; asked
    event by event these cost queries per card. Returns the events as a list.
    """
    events = list(events)
    if not events:
        return events
    default = Locale.get_default()
    translated = [event for event in events if event.locale_id != default.pk]
    originals = {}
    if translated:
        originals = {
            event.translation_key: event
            for event in EventPage.objects.filter(
                locale=default,
                translation_key__in=[event.translation_key for event in translated],
            )
        }
    for event in events:
        if event.locale_id == default.pk:
            event.__dict__["canonical"] = event
        else:
            event.__dict__["canonical"] = originals.get(event.translation_key, event)

    seats = count_seats(
        {event.canonical.pk for event in events if event.registration_enabled}
    )
    for event in events:
        counts = seats.get(event.canonical.pk, Seats())
        event.prefetch_seats(counts)
        event.canonical.prefetch_seats(counts)

    school_of_event = schools_of(events)
    for event in events:
        event.__dict__["school"] = school_of_event[event.pk]
    return events
