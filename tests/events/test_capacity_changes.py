"""Seats follow the capacity an editor publishes: more seats confirm the waiting list,
fewer than are confirmed are refused in the page editor."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from events import services
from events.models import EventPage, Registration
from home.schools import editors_group_name, moderators_group_name
from notifications.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

PROMOTED = "events/mail/registration_promoted"


def take(event, email, participants=1):
    return services.register(
        event,
        services.RegistrationData(
            name=email.split("@")[0].title(),
            email=email,
            organisation="Skola",
            participants=participants,
        ),
    )


def admin_time(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def edit_form_data(page, **changes):
    """What the Wagtail editor posts for an event page, with `changes` typed in."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "event_type": page.event_type,
        "audience": page.audience,
        "start": admin_time(page.start),
        "end": admin_time(page.end),
        "intro": page.intro,
        "body": streamfield([]),
        "location_name": page.location_name,
        "location_address": page.location_address,
        "latitude": "",
        "longitude": "",
        "partner_links": streamfield([]),
        "organiser_name": page.organiser_name,
        "organiser_email": page.organiser_email,
        "organiser_phone": page.organiser_phone,
        "organiser_notice": page.organiser_notice,
        "minutes": rich_text(""),
        "capacity": "" if page.capacity is None else page.capacity,
        "max_participants": page.max_participants,
        "registration_opens_at": "",
        "registration_closes_at": "",
        "reminder_hours": page.reminder_hours,
        "questions": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "go_live_at": "",
        "expire_at": "",
    }
    if page.registration_enabled:
        data["registration_enabled"] = "on"
    if page.waitlist_enabled:
        data["waitlist_enabled"] = "on"
    data.update(changes)
    return nested_form_data(data)


def post_edit(client, page, capture, **changes):
    with capture(execute=True):
        return client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            edit_form_data(page, **changes),
        )


@pytest.fixture
def editor(school, django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@lit.example", "pw")
    user.groups.add(Group.objects.get(name=editors_group_name("lit")))
    return user


@pytest.fixture
def moderator(school, django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@lit.example", "pw")
    user.groups.add(Group.objects.get(name=moderators_group_name("lit")))
    return user


@pytest.fixture
def full_workshop(make_event, django_capture_on_commit_callbacks):
    """Four seats taken by two registrations, then three waiting: 1, 2 and 3 seats."""
    event = make_event(capacity=4)
    with django_capture_on_commit_callbacks(execute=True):
        take(event, "anna@example.com", 2)
        take(event, "juris@example.com", 2)
        for email, seats in [
            ("first@example.com", 1),
            ("second@example.com", 2),
            ("third@example.com", 3),
        ]:
            take(event, email, seats)
    return event


def statuses(event):
    return {
        registration.email: registration.status
        for registration in Registration.objects.filter(event=event)
    }


def test_publishing_more_seats_confirms_the_waiting_list_in_arrival_order(
    client, moderator, full_workshop, django_capture_on_commit_callbacks
):
    client.force_login(moderator)

    response = post_edit(
        client,
        full_workshop,
        django_capture_on_commit_callbacks,
        capacity="8",
        **{"action-publish": "1"},
    )

    assert response.status_code == 302
    assert EventPage.objects.get(pk=full_workshop.pk).capacity == 8
    # 4 seats freed: the first (1) and the second (2) fit, the third (3) does not,
    # and nobody behind the third would jump the queue.
    assert statuses(full_workshop) == {
        "anna@example.com": "confirmed",
        "juris@example.com": "confirmed",
        "first@example.com": "confirmed",
        "second@example.com": "confirmed",
        "third@example.com": "waitlisted",
    }
    promoted = Registration.objects.filter(promoted_at__isnull=False).order_by(
        "promoted_at", "pk"
    )
    assert [r.email for r in promoted] == ["first@example.com", "second@example.com"]
    mails = OutboxMessage.objects.filter(template=PROMOTED)
    assert sorted(mail.to_email for mail in mails) == [
        "first@example.com",
        "second@example.com",
    ]
    assert EventPage.objects.get(pk=full_workshop.pk).seats_left == 1
    assert Registration.objects.get(email="third@example.com").waitlist_position() == 1


def test_a_newcomer_after_the_raise_gets_a_seat_not_the_waiting_list(
    client, full_workshop, django_capture_on_commit_callbacks
):
    draft = full_workshop.get_latest_revision_as_object()
    draft.capacity = 20
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()

        newcomer = take(full_workshop, "newcomer@example.com", 2)

    assert newcomer.status == "confirmed"
    assert set(statuses(full_workshop).values()) == {"confirmed"}
    assert OutboxMessage.objects.filter(template=PROMOTED).count() == 3


def test_publishing_without_a_seat_limit_confirms_everyone_waiting(
    full_workshop, django_capture_on_commit_callbacks
):
    draft = full_workshop.get_latest_revision_as_object()
    draft.capacity = None
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()

    assert set(statuses(full_workshop).values()) == {"confirmed"}
    assert OutboxMessage.objects.filter(template=PROMOTED).count() == 3


def test_republishing_the_same_seats_promotes_nobody_twice(
    full_workshop, django_capture_on_commit_callbacks
):
    draft = full_workshop.get_latest_revision_as_object()
    draft.capacity = 7
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
        full_workshop.get_latest_revision_as_object().save_revision().publish()

    assert OutboxMessage.objects.filter(template=PROMOTED).count() == 2


def test_fewer_seats_than_confirmed_are_refused_in_the_editor(
    client, editor, full_workshop, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    revisions = full_workshop.revisions.count()

    response = post_edit(
        client, full_workshop, django_capture_on_commit_callbacks, capacity="3"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "4 vietas jau ir apstiprinātas: ietilpību nevar samazināt zem tā." in html
    errors = response.context["form"].errors
    assert list(errors) == ["capacity"]
    assert full_workshop.revisions.count() == revisions
    page = EventPage.objects.get(pk=full_workshop.pk)
    assert page.capacity == 4
    assert page.get_latest_revision_as_object().capacity == 4
    assert statuses(full_workshop)["juris@example.com"] == "confirmed"


def test_one_confirmed_seat_is_named_in_the_singular(
    client, editor, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=5)
    take(event, "anna@example.com", 1)
    client.force_login(editor)

    response = post_edit(
        client, event, django_capture_on_commit_callbacks, capacity="0"
    )

    assert (
        "1 vieta jau ir apstiprināta: ietilpību nevar samazināt zem tā."
        in response.content.decode()
    )


def test_lowering_to_exactly_the_confirmed_seats_is_allowed(
    client, moderator, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=10)
    take(event, "anna@example.com", 2)
    take(event, "juris@example.com", 2)
    client.force_login(moderator)

    response = post_edit(
        client,
        event,
        django_capture_on_commit_callbacks,
        capacity="4",
        **{"action-publish": "1"},
    )

    assert response.status_code == 302
    page = EventPage.objects.get(pk=event.pk)
    assert page.capacity == 4
    assert page.registration_status == "waitlist"
