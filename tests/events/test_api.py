"""The events API: public facts and seat counts, never a registrant's data."""

import pytest

from events import services

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def register_anna(workshop, **fields):
    values = {
        "name": "Anna Bērziņa",
        "email": "anna@example.com",
        "organisation": "Saskaņas pamatskola",
        "participants": 1,
    }
    return services.register(workshop, services.RegistrationData(**values | fields))


def test_api_lists_events_with_type_times_and_seats(client, workshop):
    register_anna(workshop, participants=3)

    data = client.get("/api/v2/events/").json()

    [item] = data["items"]
    assert item["title"] == "Radošā darbnīca viesiem"
    assert item["event_type"] == "workshop_guests"
    assert item["school_name"] == "Latgales Industriālais tehnikums"
    assert item["meta"]["locale"] == "lv"
    assert item["capacity"] == 20
    assert item["seats_left"] == 17
    assert item["waitlist_length"] == 0
    assert item["registration_status"] == "open"
    assert item["start"].startswith(workshop.start.astimezone().strftime("%Y-%m-%d"))
    assert item["meta"]["html_url"].endswith(workshop.url)
    assert item["ics_url"] == workshop.url + "ical/"


def test_api_never_shows_personal_data(client, workshop):
    register_anna(workshop, note="Ierodos ar ratiņkrēslu")

    listing = client.get("/api/v2/events/", {"fields": "*"}).content.decode()
    detail = client.get(f"/api/v2/events/{workshop.pk}/").content.decode()
    asked = client.get("/api/v2/events/", {"fields": "registrations"})

    for body in (listing, detail):
        assert "anna@example.com" not in body
        assert "Anna Bērziņa" not in body
        assert "ratiņkrēslu" not in body
    assert asked.status_code == 400


def test_api_leaves_out_drafts(client, make_event):
    make_event("Melnraksts", publish=False)

    assert client.get("/api/v2/events/").json()["meta"]["total_count"] == 0


def test_api_answers_anonymous_callers_from_the_page_cache(client, workshop):
    first = client.get("/api/v2/events/")
    second = client.get("/api/v2/events/")

    assert first["Content-Type"] == "application/json"
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.json() == first.json()


def test_new_registration_shows_in_the_api_at_once(client, workshop):
    assert client.get("/api/v2/events/").json()["items"][0]["seats_left"] == 20
    register_anna(workshop, participants=2)

    assert client.get("/api/v2/events/").json()["items"][0]["seats_left"] == 18
