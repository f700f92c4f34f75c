"""Events, environmental days and registrations (re-exported for Django)."""

from events.models.pages import (  # noqa: F401
    EventIndexPage,
    EventPage,
    NetworkCalendarPage,
    RegistrationQuestion,
)
from events.models.registration import (  # noqa: F401
    EventChange,
    Registration,
    Subscription,
)
from events.models.snippets import DayAdoption, EnvironmentalDay  # noqa: F401
