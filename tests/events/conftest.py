"""A small network with LIT's events section, and events to register for."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventIndexPage, EventPage
from home.translation import translate
from tests.factories import EventPageFactory, section


@pytest.fixture
def index(school):
    return section(school, EventIndexPage)


@pytest.fixture
def make_event(index):
    def make(title="Radošā darbnīca viesiem", *, days=10, publish=True, **fields):
        start = fields.pop("start", None) or (
            timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
        )
        fields.setdefault("end", start + datetime.timedelta(hours=2))
        return EventPageFactory(
            parent=index, title=title, start=start, live=publish, **fields
        )

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
