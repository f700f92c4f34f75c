"""Event pages, the events section of each school and the network calendar."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.models.snippets import DayAdoption, EnvironmentalDay
from home.blocks import BaseStreamBlock
from home.models import (
    PAGE_TRANSLATABLE_FIELDS,
    EcoTheme,
    PortalPage,
    SchoolPage,
    SectionPage,
    schools_of,
)
from home.timezones import RIGA

EVENTS_PER_PAGE = 12


class EventType(models.TextChoices):
    ECO_COUNCIL = "eco_council", _("Eco-council meeting")
    WORKSHOP_STUDENTS = "workshop_students", _("Creative workshop for students")
    WORKSHOP_GUESTS = "workshop_guests", _("Creative workshop for guests")
    LECTURE = "lecture", _("Lecture")
    EXCURSION = "excursion", _("Excursion")
    ENVIRONMENTAL_DAY = "environmental_day", _("International environmental day")
    MOBILITY = "mobility", _("Mobility")
    PROJECT_MEETING = "project_meeting", _("Project meeting")
    ACTION_DAY = "action_day", _("Action day")
    OTHER = "other", _("Other")


class EventAudience(models.TextChoices):
    STUDENTS = "students", _("The school's students")
    STAFF = "staff", _("Teachers and staff")
    GUESTS = "guests", _("Guests and the public")
    PARTNERS = "partners", _("Partners")
    EVERYONE = "everyone", _("Everyone")


class OrganiserNotice(models.TextChoices):
    EACH = "each", _("A mail for each registration")
    DIGEST = "digest", _("A daily digest")
    NONE = "none", _("No mail")


# Listings ---------------------------------------------------------------------


class EventListingMixin(RoutablePageMixin):
    """Upcoming list, archive, month view and iCalendar feeds over some events.

    Subclasses say which events with `base_events()`; filters come from the
    query string (type, audience, school, theme) so every view is a plain link.
    """

    listing_template = "events/event_listing.html"

    def base_events(self):
        raise NotImplementedError

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
            "schools": None,
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
            has_days=isinstance(self, NetworkCalendarPage),
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
            mode="upcoming",
            heading=_("Upcoming events"),
        )

    @path("archive/")
    def archive(self, request):
        events = self.visible_events().filter(end__lt=timezone.now())
        return self.render_listing(
            request,
            events.order_by("-start", "-pk"),
            mode="archive",
            heading=_("Past events"),
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
            mode="month",
            heading=first.date(),
            month_start=first.date(),
            previous_month=previous.date(),
            next_month=following.date(),
            month_weeks=self.month_weeks(first.date(), events),
        )

    @staticmethod
    def month_weeks(first, events):
        """Weeks of the month, each a list of (date or None, events that day)."""
        import calendar

        by_day = {}
        for event in events:
            day = timezone.localtime(event.start, RIGA).date()
            last = timezone.localtime(event.end, RIGA).date()
            while day <= last:
                by_day.setdefault(day, []).append(event)
                day += datetime.timedelta(days=1)
        weeks = []
        for week in calendar.Calendar().monthdatescalendar(first.year, first.month):
            weeks.append(
                [
                    (day, by_day.get(day, [])) if day.month == first.month else None
                    for day in week
                ]
            )
        return weeks

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
        # events.ical imports this module: a circle.
        from events.ical import calendar_name, feed

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
        # events.feeds imports this module: a circle.
        from events.feeds import EventsFeed

        return EventsFeed(self)(request)

    @path("subscribe/")
    def subscribe(self, request):
        # events.views imports this module: a circle.
        from events.views import subscribe

        return subscribe(request, self, self.subscription_school())

    def subscription_school(self):
        """The school a subscription made here follows (None: the whole network)."""
        return None

    @property
    def feed_url(self):
        return f"{self.url}ical/"

    def feed_links(self):
        """(label, url) of the subscribable feeds: all events, then per type."""
        links = [(_("All events"), self.feed_url)]
        links += [
            (label, f"{self.url}ical/{value}/") for value, label in EventType.choices
        ]
        return links


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

    class Meta:
        verbose_name = _("Network calendar")
        verbose_name_plural = _("Network calendars")

    def base_events(self):
        return EventPage.objects.descendant_of(self.get_parent())

    def filter_options(self):
        options = super().filter_options()
        options["schools"] = (
            SchoolPage.objects.child_of(self.get_parent()).live().order_by("title")
        )
        return options

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


# Event ------------------------------------------------------------------------


class PartnerLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=150)
    url = blocks.URLBlock(label=_("website"), required=False)

    class Meta:
        icon = "group"
        label = _("Partner")
        template = "events/blocks/partner_link.html"


class EventPage(RoutablePageMixin, PortalPage):
    """One dated happening of a school; registration is optional."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    event_type = models.CharField(
        _("type"), max_length=30, choices=EventType.choices, default=EventType.OTHER
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=EventAudience.choices,
        default=EventAudience.EVERYONE,
    )
    start = models.DateTimeField(_("starts"), help_text=_("Time in Latvia."))
    end = models.DateTimeField(_("ends"), help_text=_("Time in Latvia."))
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Only the dates matter.")
    )
    intro = models.TextField(_("summary"), blank=True, max_length=400)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    themes = ParentalManyToManyField(
        "home.EcoTheme", verbose_name=_("themes"), blank=True, related_name="+"
    )

    location_name = models.CharField(_("place"), max_length=200, blank=True)
    location_address = models.CharField(_("address"), max_length=250, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    organiser_name = models.CharField(_("organiser"), max_length=150, blank=True)
    organiser_email = models.EmailField(_("organiser e-mail"), blank=True)
    organiser_phone = models.CharField(_("organiser phone"), max_length=40, blank=True)
    organiser_notice = models.CharField(
        _("mail the organiser"),
        max_length=10,
        choices=OrganiserNotice.choices,
        default=OrganiserNotice.EACH,
    )

    activity_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("action-plan activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The activity of the school's eco action plan this event serves."),
    )
    partner_links = StreamField(
        [("partner", PartnerLinkBlock())],
        verbose_name=_("partners"),
        blank=True,
    )

    minutes = RichTextField(
        verbose_name=_("minutes"),
        blank=True,
        help_text=_("For a held eco-council meeting."),
    )
    minutes_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    registration_enabled = models.BooleanField(_("registration"), default=False)
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Empty: when the event starts.")
    )
    waitlist_enabled = models.BooleanField(_("waiting list"), default=True)
    max_participants = models.PositiveSmallIntegerField(
        _("participants per registration"),
        default=1,
        help_text=_("A teacher may register a whole class as one registration."),
    )
    reminder_hours = models.PositiveSmallIntegerField(
        _("reminder, hours before"),
        default=24,
        help_text=_("0 sends no reminder."),
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        help_text=_("Rises with each announced change; calendars use it."),
    )

    content_panels = Page.content_panels + [
        # What and when
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("audience")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                HelpPanel(
                    _(
                        "Publishing a new time or place tells the registrants by "
                        "mail and updates their calendars. To give them a reason, "
                        "or to cancel the event, use “Change or cancel” in the "
                        "page's menu; unpublishing or deleting an event with "
                        "registrations also cancels it for them."
                    )
                ),
            ],
            heading=_("Time"),
        ),
        # Where
        MultiFieldPanel(
            [
                FieldPanel("location_name"),
                FieldPanel("location_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Place"),
        ),
        # Content
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("themes"),
        FieldPanel("activity_page"),
        FieldPanel("partner_links"),
        # Who organises
        MultiFieldPanel(
            [
                FieldPanel("organiser_name"),
                FieldRowPanel(
                    [FieldPanel("organiser_email"), FieldPanel("organiser_phone")]
                ),
                FieldPanel("organiser_notice"),
            ],
            heading=_("Organiser"),
        ),
        # After an eco-council meeting
        MultiFieldPanel(
            [FieldPanel("minutes"), FieldPanel("minutes_document")],
            heading=_("Minutes"),
            classname="collapsed",
        ),
    ]
    registration_panels = [
        FieldPanel("registration_enabled"),
        FieldRowPanel(
            [
                FieldPanel(
                    "capacity",
                    help_text=_(
                        "Empty: no limit. More seats confirm the waiting list in "
                        "order of registration; fewer than the seats already "
                        "confirmed are refused."
                    ),
                ),
                FieldPanel("max_participants"),
            ]
        ),
        FieldRowPanel(
            [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
        ),
        FieldRowPanel([FieldPanel("waitlist_enabled"), FieldPanel("reminder_hours")]),
        InlinePanel("questions", heading=_("Extra questions"), label=_("Question")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("location_name"),
        index.FilterField("event_type"),
        index.FilterField("start"),
    ]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("intro"),
        TranslatableField("body"),
        TranslatableField("location_name"),
        TranslatableField("minutes"),
        TranslatableField("questions"),
        SynchronizedField("event_type"),
        SynchronizedField("audience"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("all_day"),
        SynchronizedField("image"),
        SynchronizedField("themes"),
        SynchronizedField("location_address"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("organiser_name"),
        SynchronizedField("organiser_email"),
        SynchronizedField("organiser_phone"),
        SynchronizedField("organiser_notice"),
        SynchronizedField("activity_page"),
        SynchronizedField("partner_links"),
        SynchronizedField("minutes_document"),
        SynchronizedField("registration_enabled"),
        SynchronizedField("capacity"),
        SynchronizedField("registration_opens_at"),
        SynchronizedField("registration_closes_at"),
        SynchronizedField("waitlist_enabled"),
        SynchronizedField("max_participants"),
        SynchronizedField("reminder_hours"),
        SynchronizedField("status"),
        SynchronizedField("sequence"),
    ]
    api_fields = [
        APIField("event_type"),
        APIField("audience"),
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("status"),
        APIField("location_name"),
        APIField("location_address"),
        APIField("school_name"),
        APIField("capacity"),
        APIField("seats_left"),
        APIField("waitlist_length"),
        APIField("registration_status"),
        APIField("ics_url"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Event")
        verbose_name_plural = _("Events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        if self.registration_enabled and self.max_participants < 1:
            raise ValidationError(
                {"max_participants": _("Allow at least one participant.")}
            )
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            raise ValidationError({"registration_closes_at": _("Close after opening.")})
        self._clean_capacity()

    def _clean_capacity(self):
        """Fewer seats than are confirmed would take seats from people: refused.

        Only a lowered capacity is checked (against the stored one), so an event
        that is already over its seats can still be edited. A registration taken
        between this check and the publish keeps its seat.
        """
        if self.capacity is None or self.pk is None:
            return
        stored = (
            EventPage.objects.filter(pk=self.pk)
            .values_list("capacity", flat=True)
            .first()
        )
        if stored is not None and self.capacity >= stored:
            return
        confirmed = self.seats_taken
        if self.capacity < confirmed:
            raise ValidationError(
                {
                    "capacity": ngettext(
                        "%(count)d seat is already confirmed: the capacity cannot "
                        "be lowered below that.",
                        "%(count)d seats are already confirmed: the capacity cannot "
                        "be lowered below that.",
                        confirmed,
                    )
                    % {"count": confirmed}
                }
            )

    # The one event behind all translations ---------------------------------

    @cached_property
    def canonical(self):
        """The default-locale translation: it holds the registrations and the lock."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return (
            EventPage.objects.filter(
                translation_key=self.translation_key, locale=default
            ).first()
            or self
        )

    def search_result_date(self):
        return self.start

    @property
    def uid(self):
        """The iCalendar UID: the same for every translation and across edits."""
        return f"event-{self.translation_key}@ekoskolas"

    @property
    def school_name(self):
        return self.school.title if self.school else ""

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self):
        return self.end < timezone.now()

    def local_start(self):
        return timezone.localtime(self.start, RIGA)

    def local_end(self):
        return timezone.localtime(self.end, RIGA)

    # Seats -------------------------------------------------------------------

    def _registrations(self):
        # events.models.registration imports this module: a circle.
        from events.models.registration import Registration

        return Registration.objects.filter(event_id=self.canonical.pk)

    @property
    def seats_taken(self):
        # events.models.registration imports this module: a circle.
        from events.models.registration import Registration

        if "_prefetched_seats" in self.__dict__:
            return self._prefetched_seats[0]
        total = (
            self._registrations()
            .filter(status=Registration.Status.CONFIRMED)
            .aggregate(total=Sum("participants"))["total"]
        )
        return total or 0

    @property
    def seats_left(self):
        if not self.registration_enabled or self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    @property
    def waitlist_length(self):
        # events.models.registration imports this module: a circle.
        from events.models.registration import Registration

        if not self.registration_enabled:
            return 0
        if "_prefetched_seats" in self.__dict__:
            return self._prefetched_seats[1]
        return (
            self._registrations().filter(status=Registration.Status.WAITLISTED).count()
        )

    @property
    def registration_closes(self):
        return self.registration_closes_at or self.start

    @property
    def registration_status(self):
        """One of: none, cancelled, not_open, open, waitlist, full, closed."""
        now = timezone.now()
        if not self.registration_enabled:
            return "none"
        if self.is_cancelled:
            return "cancelled"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_open"
        if now >= self.registration_closes:
            return "closed"
        if self.capacity is not None and self.seats_left <= 0:
            return "waitlist" if self.waitlist_enabled else "full"
        return "open"

    @property
    def ics_url(self):
        return self.url + "ical/" if self.url else ""

    # Routes ------------------------------------------------------------------

    @path("")
    def event(self, request):
        # events.views imports this module: a circle.
        from events.views import event_page

        return event_page(request, self)

    @path("register/")
    def register(self, request):
        # events.views imports this module: a circle.
        from events.views import register

        return register(request, self)

    @path("registration/<str:token>/")
    def manage_registration(self, request, token):
        # events.views imports this module: a circle.
        from events.views import manage_registration

        return manage_registration(request, self, token)

    @path("ical/")
    def ical(self, request):
        # events.ical imports this module: a circle.
        from events.ical import event_calendar

        response = HttpResponse(
            event_calendar(self, request=request),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response

    def google_calendar_url(self):
        from urllib.parse import urlencode

        if self.all_day:
            start = self.local_start().strftime("%Y%m%d")
            end = (self.local_end().date() + datetime.timedelta(days=1)).strftime(
                "%Y%m%d"
            )
        else:
            fmt = "%Y%m%dT%H%M%SZ"
            start = self.start.astimezone(datetime.UTC).strftime(fmt)
            end = self.end.astimezone(datetime.UTC).strftime(fmt)
        query = {
            "action": "TEMPLATE",
            "text": self.title,
            "dates": f"{start}/{end}",
            "details": self.intro,
            "location": ", ".join(
                part for part in (self.location_name, self.location_address) if part
            ),
            "ctz": settings.TIME_ZONE,
        }
        return "https://calendar.google.com/calendar/render?" + urlencode(query)


def prefetch_listing_facts(events):
    """Fill in what listings show of each event in three queries for all of them.

    A card shows the school, and the seats of the default-locale event; asked
    event by event these cost queries per card. Returns the events as a list.
    """
    # events.models.registration imports this module: a circle.
    from events.models.registration import Registration

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

    registrable = {event.canonical.pk for event in events if event.registration_enabled}
    seats = {}
    rows = (
        Registration.objects.filter(
            event_id__in=registrable, status__in=Registration.ACTIVE
        )
        .values("event_id", "status")
        .annotate(participants=Sum("participants"), registrations=Count("pk"))
    )
    for row in rows:
        taken, waiting = seats.get(row["event_id"], (0, 0))
        if row["status"] == Registration.Status.CONFIRMED:
            taken = row["participants"]
        else:
            waiting = row["registrations"]
        seats[row["event_id"]] = (taken, waiting)
    for event in events:
        counts = seats.get(event.canonical.pk, (0, 0))
        event.__dict__["_prefetched_seats"] = counts
        event.canonical.__dict__["_prefetched_seats"] = counts

    school_of_event = schools_of(events)
    for event in events:
        event.__dict__["school"] = school_of_event[event.pk]
    return events


class RegistrationQuestion(TranslatableMixin, Orderable):
    """A question an event adds to its registration form, translated with it."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Short answer")
        LONG_TEXT = "long_text", _("Long answer")
        CHOICE = "choice", _("One of the choices")
        CHECKBOX = "checkbox", _("Yes or no")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=250, blank=True)
    kind = models.CharField(
        _("answer"), max_length=10, choices=Kind.choices, default=Kind.TEXT
    )
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One per line, for “One of the choices”.")
    )
    required = models.BooleanField(_("required"), default=False)

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
    ]

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        SynchronizedField("kind"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self):
        return self.label

    @property
    def field_name(self):
        # By position, which translations keep; the pk differs per language.
        position = self.sort_order if self.sort_order is not None else self.pk
        return f"question_{position}"

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
