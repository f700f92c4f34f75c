"""The extra questions an event asks in its registration form."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.choices import QuestionKind


class RegistrationQuestion(TranslatableMixin, Orderable):
    """A question an event adds to its registration form, translated with it."""

    Kind = QuestionKind

    page = ParentalKey(
        "events.EventPage",
        on_delete=models.CASCADE,
        related_name="questions",
    )
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=250, blank=True)
    kind = models.CharField(
        _("answer"), max_length=10, choices=Kind.choices, default=Kind.TEXT
    )
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One per line, for “One of the choices”.")
    )
    required = models.BooleanField(_("required"), default=False)

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
    ]

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        SynchronizedField("kind"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self):
        return self.label

    @property
    def field_name(self):
        # The form of one page in one language; answers are kept by label.
        return f"question_{self.pk}"

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
