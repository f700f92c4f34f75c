"""The mails about events, written to the outbox in the recipient's language."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from events.choices import OrganiserNotice
from events.ical import attachment
from events.models import EventChange, EventPage, Registration, Subscription
from home.timezones import RIGA
from notifications.outbox import send_later, send_to_school_staff


def event_context(event, language):
    page = event.in_language(language)
    return {
        "event": {
            "title": page.title,
            "start": timezone.localtime(page.start, RIGA).isoformat(),
            "end": timezone.localtime(page.end, RIGA).isoformat(),
            "all_day": page.all_day,
            "location_name": page.location_name,
            "location_address": page.location_address,
            "url": page.get_full_url(),
            "organiser_name": page.organiser_name,
            "organiser_email": page.organiser_email,
            "organiser_phone": page.organiser_phone,
            "cancelled": page.is_cancelled,
        }
    }


def _registrant_mail(
    registration, template, key, *, with_ics=True, extra=None, with_links=True
):
    event = registration.event
    context = event_context(event, registration.language)
    if not with_links:
        context["event"]["url"] = ""  # The page is being deleted.
    context["registration"] = {
        "name": registration.name,
        "participants": registration.participants,
        "status": registration.status,
        "position": registration.waitlist_position(),
        "manage_url": registration.manage_url() if with_links else "",
    }
    context.update(extra or {})
    return send_later(
        template=f"events/mail/{template}",
        to=registration.email,
        language=registration.language,
        context=context,
        key=key,
        attachments=[attachment(event.in_language(registration.language))]
        if with_ics
        else None,
        school=event.school,
    )


def registration_received(registration):
    """Confirmation (with the .ics) or waiting-list notice, and the organiser's mail."""
    if not registration.email:
        return
    if registration.status == Registration.Status.CONFIRMED:
        _registrant_mail(
            registration, "registration_confirmed", f"confirmed:{registration.pk}"
        )
    else:
        _registrant_mail(
            registration,
            "registration_waitlisted",
            f"waitlisted:{registration.pk}",
            with_ics=False,
        )


def organiser_new_registration(registration):
    event = registration.event
    if event.organiser_notice != OrganiserNotice.EACH or not event.organiser_email:
        return
    context = event_context(event, "lv")
    context["registration"] = {
        "name": registration.name,
        "organisation": registration.organisation,
        "participants": registration.participants,
        "status": registration.get_status_display(),
        "note": registration.note,
    }
    context["seats_left"] = event.seats_left
    context["admin_url"] = _admin_url(event)
    send_later(
        template="events/mail/organiser_new_registration",
        to=event.organiser_email,
        language="lv",
        context=context,
        key=f"organiser:{registration.pk}",
        school=event.school,
    )


def _admin_url(event):
    return (
        settings.WAGTAILADMIN_BASE_URL
        + reverse("event_registrations:index")
        + f"?event={event.pk}"
    )


def registration_promoted(registration):
    if registration.email:
        _registrant_mail(
            registration, "registration_promoted", f"promoted:{registration.pk}"
        )


def registration_cancelled(registration):
    if registration.email:
        _registrant_mail(
            registration,
            "registration_cancelled",
            f"cancelled:{registration.pk}",
            with_ics=False,
        )


def event_changed(event, change):
    """Tell every active registrant; the .ics keeps its UID, with a higher SEQUENCE."""
    cancelled = change.kind == EventChange.Kind.CANCELLED
    template = "event_cancelled" if cancelled else "event_changed"
    for registration in _active_registrants(event):
        _registrant_mail(
            registration,
            template,
            f"{template}:{change.pk}:{registration.pk}",
            extra={
                "reason": change.reason,
                "previous": change.previous,
            },
        )


def event_deleted(event):
    """The cancellation mail for an event page being deleted, without its links.

    Written before the rows go; the key names the page, as no EventChange can
    outlive it.
    """
    rows = []
    for registration in _active_registrants(event):
        rows.append(
            _registrant_mail(
                registration,
                "event_cancelled",
                f"event_cancelled:deleted:{event.pk}:{registration.pk}",
                extra={"reason": "", "previous": {}},
                with_links=False,
            )
        )
    return [row for row in rows if row is not None]


def _active_registrants(event):
    return Registration.objects.filter(
        event=event, status__in=Registration.ACTIVE
    ).exclude(email="")


def reminder(registration):
    return _registrant_mail(
        registration, "reminder", f"reminder:{registration.pk}", with_ics=True
    )


def message_registrants(event, *, subject, body, key):
    registrations = Registration.objects.filter(
        event=event, status__in=Registration.ACTIVE
    ).exclude(email="")
    rows = []
    for registration in registrations:
        row = send_later(
            template="notifications/mail/message",
            to=registration.email,
            language=registration.language,
            context={"subject": subject, "body": body},
            key=f"{key}:{registration.pk}",
            school=event.school,
        )
        rows.append(row)
    return [row for row in rows if row is not None]


def participant_list(event):
    registrations = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).order_by("created_at", "pk")
    context = event_context(event, "lv")
    context["participants"] = [
        {
            "name": r.name,
            "organisation": r.organisation,
            "participants": r.participants,
            "email": r.email,
            "note": r.note,
        }
        for r in registrations
    ]
    context["total"] = sum(r.participants for r in registrations)
    key = f"participants:{event.pk}:{timezone.localtime(event.start, RIGA).date()}"
    if event.organiser_email:
        return send_later(
            template="events/mail/participant_list",
            to=event.organiser_email,
            language="lv",
            context=context,
            key=key,
            school=event.school,
        )
    return send_to_school_staff(
        event.school,
        template="events/mail/participant_list",
        context=context,
        key=key,
    )


def organiser_digest(event, registrations, day):
    context = event_context(event, "lv")
    context["registrations"] = [
        {
            "name": r.name,
            "organisation": r.organisation,
            "participants": r.participants,
            "status": r.status,
        }
        for r in registrations
    ]
    context["seats_left"] = event.seats_left
    context["day"] = day.isoformat()
    return send_later(
        template="events/mail/organiser_digest",
        to=event.organiser_email,
        language="lv",
        context=context,
        key=f"digest:{event.pk}:{day.isoformat()}",
        school=event.school,
    )


# Subscriptions -------------------------------------------------------------------


def subscription_confirm(subscription, *, base_url):
    with translation.override(subscription.language):
        url = base_url + reverse(
            "events:subscription_confirm", args=[subscription.token]
        )
    return send_later(
        template="events/mail/subscription_confirm",
        to=subscription.email,
        language=subscription.language,
        context={
            "confirm_url": url,
            "school_name": subscription.school.title if subscription.school else "",
        },
        key=f"subscribe:{subscription.pk}:{subscription.created_at.timestamp()}",
        school=subscription.school,
    )


def unsubscribe_url(subscription, base_url):
    with translation.override(subscription.language):
        return base_url + reverse("events:unsubscribe", args=[subscription.token])


def new_event_published(event: EventPage, *, base_url):
    """Mail confirmed subscribers of the school or network about a new event."""
    school = event.canonical.school
    subscriptions = Subscription.objects.filter(confirmed_at__isnull=False).filter(
        Q(school=None) | Q(school__translation_key=school.translation_key)
    )
    for subscription in subscriptions:
        if not subscription.wants(event.event_type):
            continue
        url = unsubscribe_url(subscription, base_url)
        send_later(
            template="events/mail/new_event",
            to=subscription.email,
            language=subscription.language,
            context={
                **event_context(event, subscription.language),
                "unsubscribe_url": url,
            },
            key=f"new-event:{event.translation_key}:{subscription.pk}",
            headers={
                "List-Unsubscribe": f"<{url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            school=school,
        )
