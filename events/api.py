"""Events in Wagtail's API v2: public facts and seat counts, never personal data."""

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.views import PagesAPIViewSet

from events.models import EventPage, prefetch_listing_facts

EVENT_FIELDS = [
    "event_type",
    "audience",
    "start",
    "end",
    "all_day",
    "status",
    "school_name",
    "location_name",
    "capacity",
    "seats_left",
    "waitlist_length",
    "registration_status",
    "ics_url",
]


class EventsAPIViewSet(PagesAPIViewSet):
    """`/api/v2/events/`: the live, public events of the site, soonest first.

    Registrations are not an API field of EventPage, so no name or e-mail can
    be asked for with `?fields=`.
    """

    name = "events"
    # JSON only: with one renderer the answer does not vary on Accept, so the
    # page cache keeps it for anonymous callers like any public page.
    renderer_classes = [JSONRenderer]
    model = EventPage
    listing_default_fields = PagesAPIViewSet.listing_default_fields + EVENT_FIELDS

    def get_queryset(self):
        base = self.get_base_queryset().values_list("pk", flat=True)
        return (
            EventPage.objects.filter(pk__in=base)
            .select_related("locale")
            .order_by("start", "pk")
        )

    def paginate_queryset(self, queryset):
        return prefetch_listing_facts(super().paginate_queryset(queryset))
