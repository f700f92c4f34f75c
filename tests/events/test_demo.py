"""The demo calendar: LIT's plan on real dates, and a workshop one can join."""

import csv
from pathlib import Path

import pytest
from django.utils import timezone

from events.models import DayAdoption, EventPage, NetworkCalendarPage

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

PLAN = (
    Path(__file__).resolve().parents[2] / "events/demo_data/action-plan-2025-2026.csv"
)
MONTHS = ["IX", "X", "XI", "XII", "I", "II", "III", "IV", "V", "VI"]
MONTH_NUMBERS = dict(zip(MONTHS, [9, 10, 11, 12, 1, 2, 3, 4, 5, 6], strict=True))
# Plan rows whose every marked month must have an event of this type.
ROW_TYPES = {
    "1": "eco_council",
    "3": "action_day",
    "6.2": "workshop_students",
    "6.3": "workshop_guests",
    "6.4": "lecture",
}


def visit(client, page):
    """Schools answer on their own host names: ask that host for the page."""
    _site, root_url, path = page.get_url_parts()
    return client.get(path, HTTP_HOST=root_url.split("://", 1)[1])


@pytest.fixture
def demo(demo_network_once, db):
    pass


def test_every_planned_month_of_lits_events_has_its_event(demo):
    with PLAN.open(encoding="utf-8") as plan:
        rows = {row["nr"]: row for row in csv.DictReader(plan)}
    events = EventPage.objects.filter(locale__language_code="lv")

    for number, event_type in ROW_TYPES.items():
        planned = {MONTH_NUMBERS[m] for m in MONTHS if rows[number][m].strip()}
        held = {
            timezone.localtime(event.start).month
            for event in events.filter(event_type=event_type)
        }
        assert planned <= held, (number, planned, held)
    world_water_day = events.get(slug="pasaules-udens-diena-2026")
    assert timezone.localtime(world_water_day.start).date().isoformat() == "2026-03-22"


def test_demo_has_an_open_guest_workshop_with_free_seats(client, demo):
    open_workshops = [
        event
        for event in EventPage.objects.live().filter(
            event_type="workshop_guests", locale__language_code="lv"
        )
        if event.registration_status == "open" and event.seats_left
    ]

    assert open_workshops
    page = visit(client, open_workshops[0])
    assert 'name="consent"' in page.content.decode()


def test_demo_events_are_translated_into_english(client, demo):
    english = EventPage.objects.live().filter(locale__language_code="en")

    assert english.filter(title="World Water Day").exists()
    event = english.get(slug="creative-workshop-for-guests-saving-water-at-home")
    assert visit(client, event).status_code == 200


def test_hub_calendar_shows_lit_on_environmental_days(client, demo):
    calendar = NetworkCalendarPage.objects.get(locale__language_code="en")

    html = client.get(calendar.url + "environmental-days/", {"year": 2026}).content
    html = html.decode()

    assert "Earth Hour" in html
    assert "Latgales Industriālais tehnikums" in html
    assert DayAdoption.objects.filter(year=2026).count() == 6
