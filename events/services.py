"""Registration and event changes: every seat is counted under a lock on the event.

PostgreSQL: `select_for_update()` on the event row inside one transaction makes
concurrent registrations for one event queue up, each seeing the seats the one
before it took (the approach pretix documents for its quotas). SQLite ignores
SELECT FOR UPDATE, but the portal opens every SQLite transaction IMMEDIATE (see
settings), which takes the database's write lock at BEGIN: the same queue.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from events import notifications
from events.choices import TAKES_REGISTRATIONS
from events.models import EventChange, EventPage, Registration, Subscription, seats_of
from home import personal_data
from home.timezones import RIGA


class RegistrationError(Exception):
    """A registration that cannot be taken; the message is shown to the person."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class RegistrationData:
    name: str
    email: str
    organisation: str
    participants: int
    note: str = ""
    answers: dict | None = None
    language: str = "lv"


def lock_event(event) -> EventPage:
    """The default-locale event, re-read under a row lock held until commit."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.canonical.pk)


def seats_left_message(free):
    """Why a registration does not fit: none left is its own sentence, not "0"."""
    if free <= 0:
        return str(_("No seats are left."))
    return ngettext(
        "Only %(free)d seat is left.", "Only %(free)d seats are left.", free
    ) % {"free": free}


def more_seats_message(free):
    if free <= 0:
        return str(_("No more seats are free."))
    return ngettext(
        "Only %(free)d more seat is free.", "Only %(free)d more seats are free.", free
    ) % {"free": free}


def _free_seats(event):
    """Free seats of the locked event, counted now; None without a limit."""
    return seats_of(event).free(event.capacity)


def check_open(event):
    status = event.registration_status
    if status not in TAKES_REGISTRATIONS:
        raise RegistrationError(status.label)


def check_participants(event, participants):
    if participants < 1:
        raise RegistrationError(
            _("Register at least one participant."), field="participants"
        )
    if participants > event.max_participants:
        raise RegistrationError(
            _("One registration can have at most %(max)d participants.")
            % {"max": event.max_participants},
            field="participants",
        )


@transaction.atomic
def register(event, data: RegistrationData, *, user=None, force=False) -> Registration:
    """Take a registration: confirmed if its seats are free, else waitlisted.

    `force` (an editor adding someone by hand) skips the open/closed window.
    """
    event = lock_event(event)
    if not force:
        check_open(event)
    check_participants(event, data.participants)
    email = data.email.strip().lower()
    if (
        email
        and Registration.objects.filter(
            event=event, email=email, status__in=Registration.ACTIVE
        ).exists()
    ):
        raise RegistrationError(
            _("This e-mail address is already registered for this event."),
            field="email",
        )
    seats = seats_of(event)
    free = seats.free(event.capacity)
    if free is None or (data.participants <= free and not seats.waiting):
        status = Registration.Status.CONFIRMED
    elif event.waitlist_enabled:
        status = Registration.Status.WAITLISTED
    else:
        raise RegistrationError(
            seats_left_message(free),
            field="participants",
        )
    registration = Registration.objects.create(
        event=event,
        status=status,
        name=data.name.strip(),
        email=email,
        organisation=data.organisation.strip(),
        participants=data.participants,
        note=data.note.strip(),
        answers=data.answers or {},
        language=data.language,
        consent_at=timezone.now(),
        added_by=user,
    )
    notifications.registration_received(registration)
    notifications.organiser_new_registration(registration)
    return registration


def _promote(event):
    """Confirm waitlisted registrations in arrival order while their seats fit."""
    promoted = []
    waiting = Registration.objects.filter(
        event=event, status=Registration.Status.WAITLISTED
    ).order_by("created_at", "pk")
    for registration in waiting:
        free = _free_seats(event)
        if free is not None and registration.participants > free:
            break  # Nobody jumps the queue.
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        notifications.registration_promoted(registration)
        promoted.append(registration)
    return promoted


@transaction.atomic
def cancel(registration) -> list:
    """Cancel a registration and promote the waiting list; returns who moved up."""
    event = lock_event(registration.event)
    registration = Registration.objects.get(pk=registration.pk)
    if not registration.is_active:
        return []
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    notifications.registration_cancelled(registration)
    return _promote(event)


@transaction.atomic
def change_participants(registration, participants) -> Registration:
    event = lock_event(registration.event)
    registration = Registration.objects.get(pk=registration.pk)
    if not registration.is_active:
        raise RegistrationError(_("This registration is cancelled."))
    if event.is_past or event.is_cancelled:
        raise RegistrationError(_("This event can no longer be changed."))
    check_participants(event, participants)
    grows = participants - registration.participants
    if registration.status == Registration.Status.CONFIRMED and grows > 0:
        free = _free_seats(event)
        if free is not None and grows > free:
            raise RegistrationError(
                more_seats_message(free),
                field="participants",
            )
    registration.participants = participants
    registration.save(update_fields=["participants", "updated_at"])
    _promote(event)
    registration.refresh_from_db()
    return registration


ANONYMOUS = {"name": "—", "email": "", "organisation": "—", "note": "", "answers": {}}


@transaction.atomic
def erase(registration):
    """Cancel (freeing seats) and remove the person's data from the registration,
    and at once from everywhere else the register of personal data knows their
    address: other registrations, subscriptions, invitations, shared stories, mails.
    """
    email, name = registration.email, registration.name
    if registration.is_active:
        cancel(registration)
    Registration.objects.filter(pk=registration.pk).update(
        **ANONYMOUS, anonymised_at=timezone.now(), updated_at=timezone.now()
    )
    personal_data.erase_person(email, names=[name])


# Subscriptions ---------------------------------------------------------------------


@transaction.atomic
def subscribe(email, *, school, language, event_types, base_url) -> Subscription:
    """Double opt-in: a pending subscription and a mail with the confirm link.

    A confirmed subscription stays as it is and gets no mail; a pending one
    takes the newer choices and is asked again.
    """
    subscription = Subscription.objects.filter(email=email, school=school).first()
    if subscription is None:
        subscription = Subscription.objects.create(
            email=email, school=school, language=language, event_types=event_types
        )
    elif subscription.confirmed_at is None:
        subscription.event_types = event_types
        subscription.language = language
        subscription.save()
    if subscription.confirmed_at is None:
        notifications.subscription_confirm(subscription, base_url=base_url)
    return subscription


def confirm_subscription(subscription):
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])


# Editor actions -------------------------------------------------------------------

CHANGE_FIELDS = ["start", "end", "all_day", "location_name", "location_address"]


def _snapshot(page):
    values = {}
    for field in CHANGE_FIELDS:
        value = getattr(page, field)
        values[field] = value.isoformat() if hasattr(value, "isoformat") else value
    return values


def _revise(pages, *, user, sequence, changes=None, cancel_event=False):
    """Write a change into each page's latest draft and publish the live ones.

    Through revisions rather than row updates, so a later publish of an older
    draft cannot bring back the old time, place or status.
    """
    for page in pages:
        draft = page.get_latest_revision_as_object()
        for field, value in (changes or {}).items():
            if field in CHANGE_FIELDS:
                setattr(draft, field, value)
        draft.sequence = sequence
        if cancel_event:
            draft.status = EventPage.Status.CANCELLED
        revision = draft.save_revision(user=user, log_action=True)
        if page.live:
            revision.publish(user=user)


@transaction.atomic
def change_event(event, *, user, reason, cancel_event=False, **changes) -> EventChange:
    """Announce a change of time or place (or a cancellation) to every registrant.

    Applies the change to every translation and publishes it, raises the
    iCalendar SEQUENCE, records an EventChange and writes the mails. The publish
    carries its own higher SEQUENCE, so `note_published_values` does not
    announce it a second time.
    """
    canonical = lock_event(event)
    if canonical.is_cancelled:
        raise RegistrationError(_("This event is already cancelled."))
    previous = _snapshot(canonical)
    sequence = canonical.sequence + 1
    _revise(
        canonical.get_translations(inclusive=True).specific(),
        user=user,
        sequence=sequence,
        changes=changes,
        cancel_event=cancel_event,
    )
    canonical.refresh_from_db()
    change = EventChange.objects.create(
        event=canonical,
        kind=EventChange.Kind.CANCELLED if cancel_event else EventChange.Kind.CHANGED,
        reason=reason,
        previous=previous,
        current=_snapshot(canonical),
        sequence=sequence,
        user=user,
    )
    notifications.event_changed(canonical, change)
    return change


# What publishing, unpublishing and deleting an event page means -------------------


def _has_active_registrations(event):
    return Registration.objects.filter(
        event_id=event.pk, status__in=Registration.ACTIVE
    ).exists()


# Where `note_published_values` leaves the old values for the page_published handler.
PREVIOUSLY_PUBLISHED = "_previously_published_values"


def note_published_values(page):
    """Before a full save of an event page: keep SEQUENCE rising, spot a new time.

    The stored row of a live page is its published version (drafts live in
    revisions), so comparing with it tells whether this publish moves the event.
    A default-locale publish that moves it gets the next SEQUENCE in the same
    save, so no calendar ever reads the new time with the old SEQUENCE, and the
    old values are kept on the page for `announce_published_change`. A publish
    whose SEQUENCE is already higher (`change_event`) is announced by its
    author. SEQUENCE never goes down when an older draft is published.
    """
    stored = (
        EventPage.objects.filter(pk=page.pk)
        .values("live", "sequence", "status", *CHANGE_FIELDS)
        .first()
    )
    if stored is None:
        return
    raised_by_author = page.sequence > stored["sequence"]
    page.sequence = max(page.sequence, stored["sequence"])
    moved = any(getattr(page, field) != stored[field] for field in CHANGE_FIELDS)
    if (
        not stored["live"]
        or not moved
        or raised_by_author
        or page.locale_id != Locale.get_default().pk
    ):
        return
    page.sequence = stored["sequence"] + 1
    if stored["status"] != EventPage.Status.CANCELLED:
        page.__dict__[PREVIOUSLY_PUBLISHED] = {
            field: stored[field] for field in CHANGE_FIELDS
        }


@transaction.atomic
def announce_published_change(page, *, user=None):
    """Tell the registrants of a published new time or place, like `change_event`.

    The SEQUENCE is already raised (`note_published_values`); the change goes
    into every translation, is recorded as an EventChange with an empty reason,
    and each active registrant gets the change mail once. Returns the change, or
    None when this publish moved nothing or the event is over.
    """
    previous = page.__dict__.pop(PREVIOUSLY_PUBLISHED, None)
    if previous is None:
        return None
    canonical = lock_event(page)
    if canonical.is_past:
        return None  # A corrected date of a past event is news to nobody.
    changes = {
        field: getattr(canonical, field)
        for field in CHANGE_FIELDS
        if getattr(canonical, field) != previous[field]
    }
    _revise(
        canonical.get_translations().specific(),
        user=user,
        sequence=canonical.sequence,
        changes=changes,
    )
    change = EventChange.objects.create(
        event=canonical,
        kind=EventChange.Kind.CHANGED,
        reason="",
        previous=_snapshot(SimpleNamespace(**previous)),
        current=_snapshot(canonical),
        sequence=canonical.sequence,
        user=user,
    )
    notifications.event_changed(canonical, change)
    return change


@transaction.atomic
def fill_freed_seats(page) -> list:
    """After a publish: confirm the waiting list into seats the edit freed.

    A higher capacity, no limit any more, or registration switched back on:
    waiting registrations move up in arrival order under the event's lock,
    each with its promotion mail. Returns who moved up.
    """
    event = lock_event(page)
    if not event.registration_enabled or event.is_cancelled or event.is_past:
        return []
    return _promote(event)


@transaction.atomic
def cancel_unpublished_event(page, *, user=None):
    """An event unpublished with active registrations is cancelled for them.

    Every translation gets status cancelled and the next SEQUENCE (live ones are
    published so, the unpublished rows are updated), an EventChange is recorded
    and the cancellation mails of `change_event(cancel_event=True)` are written.
    An unpublished translation leaves the event as it is.
    """
    if page.locale_id != Locale.get_default().pk:
        return None
    canonical = lock_event(page)
    if (
        canonical.is_cancelled
        or canonical.is_past
        or not _has_active_registrations(canonical)
    ):
        return None
    previous = _snapshot(canonical)
    sequence = canonical.sequence + 1
    _revise(
        canonical.get_translations(inclusive=True).specific(),
        user=user,
        sequence=sequence,
        cancel_event=True,
    )
    EventPage.objects.filter(
        translation_key=canonical.translation_key, live=False
    ).update(status=EventPage.Status.CANCELLED, sequence=sequence)
    canonical.refresh_from_db()
    change = EventChange.objects.create(
        event=canonical,
        kind=EventChange.Kind.CANCELLED,
        reason="",
        previous=previous,
        current=_snapshot(canonical),
        sequence=sequence,
        user=user,
    )
    notifications.event_changed(canonical, change)
    return change


@transaction.atomic
def cancel_deleted_event(page):
    """An event deleted with active registrations: they get the cancellation mail.

    Called before the rows go (the registrations and changes go with the page),
    inside the deletion's transaction: the mails are outbox rows that leave only
    if the deletion commits. The rows of every translation are marked cancelled
    with the next SEQUENCE first, so the attached calendar file removes the event.
    """
    event = EventPage.objects.select_for_update(of=("self",)).filter(pk=page.pk).first()
    if (
        event is None
        or event.is_cancelled
        or event.is_past
        or not _has_active_registrations(event)
    ):
        return []
    EventPage.objects.filter(translation_key=event.translation_key).update(
        status=EventPage.Status.CANCELLED, sequence=F("sequence") + 1
    )
    event.refresh_from_db()
    return notifications.event_deleted(event)


def schedule_next_meeting(meeting) -> EventPage | None:
    """The eco-council meeting the minutes set, as a draft beside this one.

    The draft keeps the meeting's title, place, length and organiser; it is made
    once (a meeting already on that date, draft or live, is left alone) and only
    from the default language, where the events section's editors work.
    """
    start = meeting.next_meeting_start
    if start is None or meeting.locale_id != Locale.get_default().pk:
        return None
    index = meeting.get_parent()
    if (
        EventPage.objects.child_of(index)
        .filter(event_type=meeting.event_type, start=start)
        .exists()
    ):
        return None
    local_start = timezone.localtime(start, RIGA)
    draft = EventPage(
        title=meeting.title,
        slug=f"{slugify(meeting.title)[:60]}-{local_start:%d%m%Y}",
        event_type=meeting.event_type,
        audience=meeting.audience,
        start=start,
        end=start + (meeting.end - meeting.start),
        location_name=meeting.location_name,
        location_address=meeting.location_address,
        organiser_name=meeting.organiser_name,
        organiser_email=meeting.organiser_email,
        organiser_phone=meeting.organiser_phone,
        activity_page=meeting.activity_page,
        live=False,
    )
    index.add_child(instance=draft)
    draft.save_revision(log_action=True)
    return draft
