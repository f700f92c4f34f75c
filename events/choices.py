"""The kinds and states of events, registrations and listings.

Stored values are the enum values; templates may compare against them, since
each member is equal to its value ("open" == RegistrationState.OPEN).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationState(models.TextChoices):
    """Whether an event takes registrations now (computed, never stored).

    The label is what a person is told when the state refuses them.
    """

    NONE = "none", _("This event does not take registrations.")
    CANCELLED = "cancelled", _("This event is cancelled.")
    NOT_OPEN = "not_open", _("Registration has not opened yet.")
    OPEN = "open", _("Registration open")
    WAITLIST = "waitlist", _("Waiting list")
    FULL = "full", _("All seats are taken and there is no waiting list.")
    CLOSED = "closed", _("Registration is closed.")


# The states in which the event page shows the registration form.
TAKES_REGISTRATIONS = (RegistrationState.OPEN, RegistrationState.WAITLIST)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# A registration that holds a seat or a place in the queue.
ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class ManageAction(models.TextChoices):
    """What the form on a registration's personal link asks for (not shown)."""

    CHANGE = "change"
    CANCEL = "cancel"
    ERASE = "erase"


class ChangeKind(models.TextChoices):
    CHANGED = "changed", _("Time or place changed")
    CANCELLED = "cancelled", _("Cancelled")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Short answer")
    LONG_TEXT = "long_text", _("Long answer")
    CHOICE = "choice", _("One of the choices")
    CHECKBOX = "checkbox", _("Yes or no")


class ListingMode(models.TextChoices):
    """Which view of a listing is shown (the template's `mode`)."""

    UPCOMING = "upcoming", _("Upcoming events")
    ARCHIVE = "archive", _("Past events")
    MONTH = "month", _("Month")


class DayRule(models.TextChoices):
    FIXED = "fixed", _("The same date every year")
    WEEKDAY = "weekday", _("A weekday of the month")


class DayOrdinal(models.IntegerChoices):
    FIRST = 1, _("first")
    SECOND = 2, _("second")
    THIRD = 3, _("third")
    FOURTH = 4, _("fourth")
    LAST = -1, _("last")
