"""Events, environmental days and registrations (re-exported for Django)."""

from events.models.listings import (  # noqa: F401
    EventIndexPage,
    EventListingMixin,
    NetworkCalendarPage,
    prefetch_listing_facts,
)
from events.models.pages import EventPage, PartnerLinkBlock  # noqa: F401
from events.models.questions import RegistrationQuestion  # noqa: F401
from events.models.registration import (  # noqa: F401
    EventChange,
    Registration,
    Subscription,
)
from events.models.seats import Seats, count_seats, seats_of  # noqa: F401
from events.models.snippets import DayAdoption, EnvironmentalDay  # noqa: F401
