"""Personal data of events: registrations and subscriptions (see home.personal_data)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import services
from events.models import Registration, Subscription
from home.personal_data import (
    Entry,
    Retention,
    Treatment,
    Viewer,
    days_text,
    entry,
    register,
    rows,
)

REGISTRATION_FIELDS = ("name", "email", "organisation", "note", "answers")


def expire_registrations(now):
    """Anonymise registrations some days after their event ended."""
    cutoff = entry("events.registrations").retention.cutoff(now)
    if cutoff is None:
        return 0
    return Registration.objects.filter(
        anonymised_at=None, event__end__lt=cutoff
    ).update(**services.ANONYMOUS, anonymised_at=now, updated_at=now)


def erase_registrations(person):
    """Cancel the person's registrations (their seats go back) and anonymise them.

    The cancelled row stays, without a name, so the event's numbers still add
    up; the cancellation mail is not sent (the outbox entry drops it).
    """
    erased = 0
    for registration in Registration.objects.filter(
        email__iexact=person.email, anonymised_at=None
    ):
        if registration.is_active:
            services.cancel(registration)
        now = timezone.now()
        erased += Registration.objects.filter(pk=registration.pk).update(
            **services.ANONYMOUS, anonymised_at=now, updated_at=now
        )
    return erased


def export_registrations(person):
    return rows(
        Registration.objects.filter(email__iexact=person.email, anonymised_at=None),
        "event__title",
        "event__start",
        "status",
        *REGISTRATION_FIELDS,
        "participants",
        "language",
        "consent_at",
        "created_at",
    )


def registration_names(email):
    return Registration.objects.filter(
        email__iexact=email, anonymised_at=None
    ).values_list("name", flat=True)


def expire_subscriptions(now):
    """Delete subscriptions nobody confirmed within the period."""
    cutoff = entry("events.subscriptions").retention.cutoff(now)
    if cutoff is None:
        return 0
    unconfirmed = Subscription.objects.filter(confirmed_at=None, created_at__lt=cutoff)
    return unconfirmed.delete()[0]


def erase_subscriptions(person):
    return Subscription.objects.filter(email__iexact=person.email).delete()[0]


def export_subscriptions(person):
    return rows(
        Subscription.objects.filter(email__iexact=person.email),
        "email",
        "school__title",
        "event_types",
        "language",
        "created_at",
        "confirmed_at",
    )


register(
    Entry(
        key="events.registrations",
        label=_("Event registrations"),
        situation=_("Registering for an event or workshop"),
        data=_(
            "Name, e-mail, school or organisation, number of participants, your "
            "note and answers to the event's questions, attendance."
        ),
        model=Registration,
        fields=REGISTRATION_FIELDS,
        retention=Retention(
            counted_from=_("the end of the event"),
            setting="PERSONAL_DATA_RETENTION_DAYS",
            key="registrations",
        ),
        describe=days_text(
            "Anonymised %(days)s day after the event.",
            "Anonymised %(days)s days after the event.",
        ),
        treatment=Treatment.ANONYMISED,
        visible_to=(Viewer.SCHOOL_STAFF, Viewer.OPERATOR, Viewer.PERSON),
        expire=expire_registrations,
        held=lambda: Registration.objects.filter(anonymised_at=None),
        oldest_field="event__end",
        school_path="event__path",
        erase=erase_registrations,
        export=export_registrations,
        names=registration_names,
        order=10,
    )
)

register(
    Entry(
        key="events.subscriptions",
        label=_("Subscriptions to new events"),
        situation=_("Subscribing to mails about new events"),
        data=_("E-mail, language and the kinds of events you chose."),
        model=Subscription,
        fields=("email",),
        retention=Retention(
            counted_from=_("the subscription"),
            setting="UNCONFIRMED_SUBSCRIPTION_DAYS",
        ),
        describe=days_text(
            "Kept until you unsubscribe; deleted %(days)s day after it was made "
            "if you did not confirm it.",
            "Kept until you unsubscribe; deleted %(days)s days after it was made "
            "if you did not confirm it.",
        ),
        treatment=Treatment.DELETED,
        visible_to=(Viewer.SCHOOL_STAFF, Viewer.OPERATOR),
        expire=expire_subscriptions,
        held=Subscription.objects.all,
        oldest_field="created_at",
        school_path="school__path",
        erase=erase_subscriptions,
        export=export_subscriptions,
        order=11,
    )
)
