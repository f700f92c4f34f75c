"""What counts as a taken seat: one definition for an event page, the
registration services, the listings and the API.

Seats belong to the default-locale event, which holds the registrations.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from events.choices import ACTIVE_STATUSES, RegistrationStatus
from events.models.registration import Registration


@dataclass(frozen=True)
class Seats:
    taken: int = 0  # participants of the confirmed registrations
    waiting: int = 0  # registrations on the waiting list

    def free(self, capacity):
        """Seats still free under `capacity`; None when there is no limit."""
        if capacity is None:
            return None
        return max(capacity - self.taken, 0)


def count_seats(event_ids) -> dict:
    """The Seats of each of these default-locale events, in one query."""
    rows = (
        Registration.objects.filter(event_id__in=event_ids, status__in=ACTIVE_STATUSES)
        .order_by()
        .values("event_id")
        .annotate(
            taken=Sum(
                "participants",
                filter=Q(status=RegistrationStatus.CONFIRMED),
                default=0,
            ),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        )
    )
    counts = {event_id: Seats() for event_id in event_ids}
    for row in rows:
        counts[row["event_id"]] = Seats(row["taken"], row["waiting"])
    return counts


def seats_of(event) -> Seats:
    """The Seats of one default-locale event, counted now (under a lock, if held)."""
    return count_seats([event.pk])[event.pk]
