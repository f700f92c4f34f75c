"""The outbox: every mail is a row first, written in the transaction that causes it."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One mail to one recipient, rendered and sent later by a Celery task.

    The row is the source of truth: a task that finds it no longer pending sends
    nothing, and the beat sweep re-queues rows a lost task left pending.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    template = models.CharField(_("template"), max_length=200)
    to_email = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10, default="lv")
    context = models.JSONField(_("context"), default=dict, encoder=DjangoJSONEncoder)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    school = models.ForeignKey(
        "home.SchoolPage",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Handed to the broker (None: never reached it) and when that task is due: the
    # same moment, or later while a retry waits out its SMTP backoff.
    queued_at = models.DateTimeField(_("last queued"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self):
        return f"{self.subject or self.template} → {self.to_email}"
