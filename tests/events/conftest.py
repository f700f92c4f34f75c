"""A small network with LIT's events section, and events to register for."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventIndexPage, EventPage
from home.demo import load_hub
from home.schools import create_school
from home.translation import translate
from tests.conftest import ensure_tree_roots


@pytest.fixture
def school(db, django_capture_on_commit_callbacks):
    ensure_tree_roots()
    # Two blocks: the hub's translation is published on commit.
    with django_capture_on_commit_callbacks(execute=True):
        load_hub()
    with django_capture_on_commit_callbacks(execute=True):
        return create_school(
            "Latgales Industriālais tehnikums", "lit", city="Daugavpils"
        )


@pytest.fixture
def index(school):
    return EventIndexPage.objects.child_of(school).get()


@pytest.fixture
def make_event(index, django_capture_on_commit_callbacks):
    def make(title="Radošā darbnīca viesiem", *, days=10, publish=True, **fields):
        start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
        values = {
            "event_type": "workshop_guests",
            "audience": "guests",
            "start": start,
            "end": start + datetime.timedelta(hours=2),
            "location_name": "LIT aktu zāle",
            "location_address": "Varšavas iela 24, Daugavpils",
            "registration_enabled": True,
            "capacity": 20,
            "max_participants": 5,
            "organiser_email": "organiser@lit.example",
        }
        values.update(fields)
        event = EventPage(title=title, live=publish, **values)
        index.add_child(instance=event)
        if publish:
            with django_capture_on_commit_callbacks(execute=True):
                event.save_revision().publish()
        return EventPage.objects.get(pk=event.pk)

    return make


@pytest.fixture
def workshop(make_event):
    return make_event()


@pytest.fixture
def workshop_en(workshop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = translate(
            workshop,
            "en",
            {
                "Radošā darbnīca viesiem": "Creative workshop for guests",
                "radosa-darbnica-viesiem": "creative-workshop-for-guests",
            },
        )
    return EventPage.objects.get(pk=page.pk)


def registration_post(**overrides):
    data = {
        "name": "Anna Bērziņa",
        "email": "anna@example.com",
        "organisation": "Daugavpils Saskaņas pamatskola",
        "participants": "2",
        "note": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The submission rate limit counts in the cache; each test starts at zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english(django_capture_on_commit_callbacks):
    """Translate an event into English; messages on it then read the same always."""

    def translate_event(event):
        with django_capture_on_commit_callbacks(execute=True):
            page = translate(event, "en", {event.title: f"{event.title} (EN)"})
        return EventPage.objects.get(pk=page.pk)

    return translate_event
