"""Seats under real concurrency: many connections to PostgreSQL at once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from events import services
from events.models import Registration

# PostgreSQL on the CI machine allows 100 connections, shared with other
# databases: 200 registrations go through 25 connections at a time, all
# released together by a barrier so they race for the same seats.
CONNECTIONS = 25
REGISTRATIONS = 200


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_200_simultaneous_registrations_fill_20_seats_and_queue_the_rest(make_event):
    event = make_event(capacity=20, max_participants=1)
    start = threading.Barrier(CONNECTIONS)

    def register(number):
        try:
            if number < CONNECTIONS:
                start.wait(timeout=30)
            return services.register(
                event,
                services.RegistrationData(
                    name=f"Dalībnieks {number}",
                    email=f"person{number}@example.com",
                    organisation="Skola",
                    participants=1,
                ),
            ).status
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        statuses = list(pool.map(register, range(REGISTRATIONS)))

    assert statuses.count("confirmed") == 20
    assert statuses.count("waitlisted") == 180
    rows = list(Registration.objects.filter(event=event).order_by("created_at", "pk"))
    assert len(rows) == REGISTRATIONS
    assert len({row.email for row in rows}) == REGISTRATIONS
    # Arrival order is the order the lock let them in: the first 20 have the seats,
    # and the queue positions follow that order without gaps.
    assert [row.status for row in rows] == ["confirmed"] * 20 + ["waitlisted"] * 180
    assert [row.waitlist_position() for row in rows[20:]] == list(range(1, 181))
    assert sum(row.participants for row in rows if row.status == "confirmed") == 20


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_each_waiting_person_once(make_event):
    event = make_event(capacity=5, max_participants=1)
    people = [
        services.register(
            event,
            services.RegistrationData(
                name=f"P{number}",
                email=f"p{number}@example.com",
                organisation="Skola",
                participants=1,
            ),
        )
        for number in range(15)
    ]

    def cancel(registration):
        try:
            return services.cancel(registration)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=5) as pool:
        list(pool.map(cancel, people[:5]))

    statuses = list(
        Registration.objects.filter(event=event)
        .order_by("created_at", "pk")
        .values_list("status", flat=True)
    )
    assert statuses == ["cancelled"] * 5 + ["confirmed"] * 5 + ["waitlisted"] * 5
