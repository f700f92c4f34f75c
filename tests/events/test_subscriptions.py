"""Mails about new events: double opt-in, one-click unsubscribe."""

import re

import pytest
from django.core import mail

from events.models import Subscription

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def subscribe(client, index, capture, **data):
    with capture(execute=True):
        return client.post(
            index.url + "subscribe/", {"email": "lasitajs@example.com", **data}
        )


def confirm_link(message):
    return re.search(r"https?://\S+/confirm/", message.body).group(0)


def test_subscribing_sends_a_confirm_link_and_nothing_else_until_confirmed(
    client, index, make_event, django_capture_on_commit_callbacks
):
    subscribe(client, index, django_capture_on_commit_callbacks)

    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.school.pk == index.get_parent().pk
    [confirmation] = mail.outbox
    mail.outbox.clear()
    make_event("Jauns pasākums")
    assert mail.outbox == []
    assert confirm_link(confirmation)


def test_confirmed_subscriber_gets_new_events_with_unsubscribe_headers(
    client, index, make_event, django_capture_on_commit_callbacks
):
    subscribe(client, index, django_capture_on_commit_callbacks)
    link = confirm_link(mail.outbox[0])
    client.post(link.split("testserver", 1)[-1] if "testserver" in link else link)
    assert Subscription.objects.get().confirmed_at is not None
    mail.outbox.clear()

    make_event("Jauns pasākums")

    [announcement] = mail.outbox
    assert "Jauns pasākums" in announcement.subject
    unsubscribe = announcement.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<") and "/unsubscribe/" in unsubscribe
    assert announcement.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert unsubscribe.strip("<>") in announcement.body


def test_subscriber_can_choose_event_types(
    client, index, make_event, django_capture_on_commit_callbacks
):
    subscribe(
        client, index, django_capture_on_commit_callbacks, event_types=["lecture"]
    )
    Subscription.objects.update(confirmed_at="2026-01-01T00:00:00Z")
    mail.outbox.clear()

    make_event("Darbnīca")
    make_event("Lekcija", event_type="lecture")

    assert [m.subject for m in mail.outbox if "Lekcija" in m.subject]
    assert not [m for m in mail.outbox if "Darbnīca" in m.subject]


def test_one_click_unsubscribe_removes_the_subscription(
    client, index, django_capture_on_commit_callbacks
):
    subscribe(client, index, django_capture_on_commit_callbacks)
    subscription = Subscription.objects.get()

    response = client.post(
        f"/subscriptions/{subscription.token}/unsubscribe/",
        {"List-Unsubscribe": "One-Click"},
    )

    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_unsubscribe_link_asks_before_removing(
    client, index, django_capture_on_commit_callbacks
):
    subscribe(client, index, django_capture_on_commit_callbacks)
    subscription = Subscription.objects.get()

    response = client.get(f"/subscriptions/{subscription.token}/unsubscribe/")

    assert response.status_code == 200
    assert '<form method="post">' in response.content.decode()
    assert Subscription.objects.exists()


def test_forged_subscription_link_is_refused(client):
    response = client.get("/subscriptions/bm90LWEtdG9rZW4/confirm/")

    assert response.status_code == 404


def test_subscription_needs_a_valid_email(
    client, index, django_capture_on_commit_callbacks
):
    response = subscribe(client, index, django_capture_on_commit_callbacks, email="x@")

    assert response.status_code == 400
    assert not Subscription.objects.exists()
