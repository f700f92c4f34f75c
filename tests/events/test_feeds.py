"""Atom feeds of events, for each school and for the network."""

import feedparser
import pytest

pytestmark = pytest.mark.django_db


def test_school_events_atom_feed_is_valid_and_lists_the_events(
    client, index, make_event
):
    make_event("Radošā darbnīca: ūdens filtri")
    make_event("Ekopadomes sēde", event_type="eco_council", registration_enabled=False)

    listing = client.get(index.url).content.decode()
    response = client.get(index.url + "atom/")

    assert 'type="application/atom+xml"' in listing
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.bozo_exception
    titles = {entry.title for entry in feed.entries}
    assert titles == {"Radošā darbnīca: ūdens filtri", "Ekopadomes sēde"}
    assert feed.entries[0].link.startswith("http")
    assert all(
        entry.author == "Latgales Industriālais tehnikums" for entry in feed.entries
    )
