"""People registering for events, announced changes, and calendar subscriptions."""

import base64

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.choices import ACTIVE_STATUSES, ChangeKind, EventType, RegistrationStatus

REGISTRATION_SALT = "events.registration"
SUBSCRIPTION_SALT = "events.subscription"


def make_token(data, salt):
    """A signed token of letters, digits, - and _ only.

    Wagtail's page URLs take path segments of word characters and hyphens, so
    the colons of Django's signed strings are wrapped in URL-safe base64.
    """
    signed = signing.dumps(data, salt=salt)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def read_token(token, salt):
    try:
        padded = token + "=" * (-len(token) % 4)
        signed = base64.urlsafe_b64decode(padded.encode()).decode()
        return signing.loads(signed, salt=salt)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None


class Registration(models.Model):
    """One registration of one or more participants, held by the default-locale event.

    `language` is the locale of the page the person registered on: every mail
    to them is written in it.
    """

    Status = RegistrationStatus
    ACTIVE = ACTIVE_STATUSES

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, db_index=True
    )
    # "name" alone is a thing's name (nosaukums) elsewhere; this one is a person's.
    name = models.CharField(pgettext_lazy("person", "name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("school or organisation"), max_length=200)
    participants = models.PositiveSmallIntegerField(_("participants"), default=1)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="lv")
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    promoted_at = models.DateTimeField(_("promoted"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        # The record, not the act: the admin says "Pievienot: pieteikums", while the
        # event page's switch (also "registration") stays "pieteikšanās".
        verbose_name = pgettext_lazy("record", "registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(email=""),
                name="one_active_registration_per_email",
            ),
            models.CheckConstraint(
                condition=Q(participants__gte=1), name="at_least_one_participant"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.participants}) – {self.event}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def token(self):
        return make_token({"r": self.pk}, REGISTRATION_SALT)

    @classmethod
    def from_token(cls, token):
        data = read_token(token, REGISTRATION_SALT)
        if not isinstance(data, dict):
            return None
        return cls.objects.filter(pk=data.get("r"), anonymised_at=None).first()

    def page_in_language(self):
        """The event page in the registrant's language (or the default one)."""
        return self.event.in_language(self.language)

    def manage_url(self):
        page = self.page_in_language()
        return page.get_full_url() + page.reverse_subpage(
            "manage_registration", args=[self.token]
        )

    def waitlist_position(self):
        if self.status != self.Status.WAITLISTED:
            return None
        earlier = Registration.objects.filter(
            event_id=self.event_id, status=self.Status.WAITLISTED
        ).filter(
            Q(created_at__lt=self.created_at)
            | Q(created_at=self.created_at, pk__lt=self.pk)
        )
        return earlier.count() + 1


class EventChange(models.Model):
    """An announced change of an event's time or place, or its cancellation."""

    Kind = ChangeKind

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=300)
    previous = models.JSONField(_("before"), default=dict)
    current = models.JSONField(_("after"), default=dict)
    sequence = models.PositiveIntegerField(_("calendar revision"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("event change")
        verbose_name_plural = _("event changes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.event}"


class Subscription(models.Model):
    """A visitor's wish to hear of new events, confirmed by a link (double opt-in)."""

    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10, default="lv")
    school = models.ForeignKey(
        "home.SchoolPage",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the whole network."),
    )
    event_types = models.JSONField(_("event types"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "school"], name="one_subscription_per_school"
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(school=None),
                name="one_network_subscription",
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def token(self):
        return make_token({"s": self.pk}, SUBSCRIPTION_SALT)

    @classmethod
    def from_token(cls, token):
        data = read_token(token, SUBSCRIPTION_SALT)
        if not isinstance(data, dict):
            return None
        return cls.objects.filter(pk=data.get("s")).first()

    def wants(self, event_type):
        return not self.event_types or event_type in self.event_types

    def type_labels(self):
        labels = dict(EventType.choices)
        return [labels[value] for value in self.event_types if value in labels]
