"""A new time or place published in the page editor is announced to the registrants;
unpublishing or deleting an event with registrations cancels it for them."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events import services
from events.models import EventChange, EventPage
from home.schools import moderators_group_name
from notifications.models import OutboxMessage
from tests.events.test_capacity_changes import admin_time, post_edit, take

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

CHANGED = "events/mail/event_changed"
CANCELLED = "events/mail/event_cancelled"


@pytest.fixture
def moderator(school, django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@lit.example", "pw")
    user.groups.add(Group.objects.get(name=moderators_group_name("lit")))
    return user


@pytest.fixture
def registered(workshop, django_capture_on_commit_callbacks):
    """Two active registrants and one who cancelled; their first mails are sent."""
    with django_capture_on_commit_callbacks(execute=True):
        take(workshop, "anna@example.com", 2)
        take(workshop, "juris@example.com", 1)
        services.cancel(take(workshop, "gone@example.com", 1))
    mail.outbox.clear()
    return workshop


def served_event(client, page):
    response = client.get(page.url + "ical/")
    assert response.status_code == 200
    [component] = Calendar.from_ical(response.content).walk("VEVENT")
    return component


def mails_to(template):
    return sorted(
        row.to_email for row in OutboxMessage.objects.filter(template=template)
    )


def publish_new_start(client, page, capture, days=2):
    # The editor's fields take minutes.
    later = timezone.localtime(page.start).replace(second=0) + datetime.timedelta(
        days=days
    )
    response = post_edit(
        client,
        page,
        capture,
        start=admin_time(later),
        end=admin_time(later + datetime.timedelta(hours=2)),
        **{"action-publish": "1"},
    )
    assert response.status_code == 302
    return later


def test_publishing_a_new_start_raises_sequence_and_tells_each_registrant(
    client, moderator, registered, django_capture_on_commit_callbacks
):
    client.force_login(moderator)

    later = publish_new_start(client, registered, django_capture_on_commit_callbacks)

    client.logout()
    served = served_event(client, registered)
    assert served["SEQUENCE"] == 1
    assert served.decoded("DTSTART") == later
    assert mails_to(CHANGED) == ["anna@example.com", "juris@example.com"]
    [change] = EventChange.objects.all()
    assert change.kind == "changed" and change.sequence == 1
    assert change.user == moderator
    notices = {message.to[0]: message for message in mail.outbox}
    assert set(notices) == {"anna@example.com", "juris@example.com"}
    assert "SEQUENCE:1" in notices["anna@example.com"].attachments[0][1]
    row = OutboxMessage.objects.get(template=CHANGED, to_email="anna@example.com")
    assert datetime.datetime.fromisoformat(row.context["event"]["start"]) == later


def test_publishing_the_same_time_again_announces_nothing(
    client, moderator, registered, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    publish_new_start(client, registered, django_capture_on_commit_callbacks)
    page = EventPage.objects.get(pk=registered.pk)

    response = post_edit(
        client,
        page,
        django_capture_on_commit_callbacks,
        title="Radošā darbnīca viesiem un skolotājiem",
        **{"action-publish": "1"},
    )

    assert response.status_code == 302
    assert EventPage.objects.get(pk=page.pk).title.endswith("skolotājiem")
    assert EventChange.objects.count() == 1
    assert len(mails_to(CHANGED)) == 2
    client.logout()
    assert served_event(client, page)["SEQUENCE"] == 1


def test_change_or_cancel_is_announced_once(
    client, moderator, registered, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    later = timezone.localtime(registered.start) + datetime.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events_change_event", args=[registered.pk]),
            {
                "start": later.strftime("%Y-%m-%d %H:%M"),
                "end": (later + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
                "location_name": registered.location_name,
                "location_address": registered.location_address,
                "reason": "Zāle aizņemta",
            },
        )

    assert response.status_code == 302
    assert EventChange.objects.count() == 1
    assert mails_to(CHANGED) == ["anna@example.com", "juris@example.com"]
    client.logout()
    assert served_event(client, registered)["SEQUENCE"] == 1


def test_a_published_move_reaches_the_translation_and_its_calendar(
    client, registered, english, django_capture_on_commit_callbacks
):
    translation = english(registered)
    draft = registered.get_latest_revision_as_object()
    draft.location_address = "Ģimnāzijas iela 11, Daugavpils"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()

    served = served_event(client, EventPage.objects.get(pk=translation.pk))
    assert served["SEQUENCE"] == 1
    assert "Ģimnāzijas iela 11" in str(served["LOCATION"])
    assert (
        EventChange.objects.get().current["location_address"].startswith("Ģimnāzijas")
    )


def test_unpublishing_an_event_with_registrations_cancels_it_for_them(
    client, admin_user, registered, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:unpublish", args=[registered.pk])
        )

    assert response.status_code == 302
    page = EventPage.objects.get(pk=registered.pk)
    assert not page.live
    assert page.is_cancelled and page.sequence == 1
    assert mails_to(CANCELLED) == ["anna@example.com", "juris@example.com"]
    assert EventChange.objects.get().kind == "cancelled"
    [notice, _other] = mail.outbox
    assert "STATUS:CANCELLED" in notice.attachments[0][1]
    assert "SEQUENCE:1" in notice.attachments[0][1]


def test_deleting_an_event_with_registrations_tells_them_it_is_cancelled(
    client, admin_user, registered, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:delete", args=[registered.pk])
        )

    assert response.status_code == 302
    assert not EventPage.objects.filter(pk=registered.pk).exists()
    assert mails_to(CANCELLED) == ["anna@example.com", "juris@example.com"]
    [notice, _other] = mail.outbox
    assert "STATUS:CANCELLED" in notice.attachments[0][1]
    assert registered.url not in notice.body
