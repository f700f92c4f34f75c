"""The event page: one dated happening of a school, with optional registration."""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalManyToManyField
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
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.choices import (
    EventAudience,
    EventStatus,
    EventType,
    OrganiserNotice,
    RegistrationState,
)
from events.models.seats import Seats, seats_of
from events.routes import EventRoutes
from home.blocks import BaseStreamBlock
from home.models import PAGE_TRANSLATABLE_FIELDS, PortalPage, optional_link
from home.timezones import RIGA


class PartnerLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=150)
    url = blocks.URLBlock(label=_("website"), required=False)

    class Meta:
        icon = "group"
        label = _("Partner")
        template = "events/blocks/partner_link.html"


class EventPage(EventRoutes, PortalPage):
    """One dated happening of a school; registration is optional."""

    Status = EventStatus

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
    image = optional_link(
        "wagtailimages.Image",
        _("image"),
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

    activity_page = optional_link(
        "wagtailcore.Page",
        _("action-plan activity"),
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
    minutes_document = optional_link(
        "wagtaildocs.Document",
        _("minutes document"),
    )
    # Each eco-council meeting sets the date of the next one.
    next_meeting_start = models.DateTimeField(
        _("next meeting"),
        null=True,
        blank=True,
        help_text=_(
            "When the council agreed to meet next. Publishing creates that meeting "
            "as a draft in the events section, for you to check and publish."
        ),
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
            [
                FieldPanel("minutes"),
                FieldPanel("minutes_document"),
                FieldPanel("next_meeting_start"),
            ],
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
        SynchronizedField("next_meeting_start"),
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
        if self.next_meeting_start and self.event_type != EventType.ECO_COUNCIL:
            message = _("Only an eco-council meeting sets the next one.")
            raise ValidationError({"next_meeting_start": message})
        if self.next_meeting_start and self.next_meeting_start <= self.start:
            message = _("The next meeting must come after this one.")
            raise ValidationError({"next_meeting_start": message})
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

    # Seats: counted by events.models.seats on the default-locale event -------

    @property
    def seats(self) -> Seats:
        if "_prefetched_seats" in self.__dict__:
            return self.__dict__["_prefetched_seats"]
        return seats_of(self.canonical)

    def prefetch_seats(self, seats: Seats):
        """Keep counts a listing made for many events at once (`seats` reads them)."""
        self.__dict__["_prefetched_seats"] = seats

    @property
    def seats_taken(self):
        return self.seats.taken

    @property
    def seats_left(self):
        if not self.registration_enabled:
            return None
        return self.seats.free(self.capacity)

    @property
    def waitlist_length(self):
        if not self.registration_enabled:
            return 0
        return self.seats.waiting

    @property
    def registration_closes(self):
        return self.registration_closes_at or self.start

    @property
    def registration_status(self) -> RegistrationState:
        now = timezone.now()
        if not self.registration_enabled:
            return RegistrationState.NONE
        if self.is_cancelled:
            return RegistrationState.CANCELLED
        if self.registration_opens_at and now < self.registration_opens_at:
            return RegistrationState.NOT_OPEN
        if now >= self.registration_closes:
            return RegistrationState.CLOSED
        if self.capacity is not None and self.seats_left <= 0:
            if self.waitlist_enabled:
                return RegistrationState.WAITLIST
            return RegistrationState.FULL
        return RegistrationState.OPEN

    @property
    def ics_url(self):
        return self.url + self.reverse_subpage("ical") if self.url else ""

    def google_calendar_url(self):
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
