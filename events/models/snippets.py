"""The calendar of international environmental days, and which schools adopt them."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.choices import DayOrdinal, DayRule


@register_snippet
class EnvironmentalDay(TranslatableMixin, index.Indexed, models.Model):
    """An international day schools mark every year (Earth Day, Earth Hour...).

    The date is either fixed (22 April) or a weekday of a month (Earth Hour is
    the last Saturday of March): `date_in(year)` resolves either.
    """

    Rule = DayRule
    Ordinal = DayOrdinal

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("more information"), blank=True)
    rule = models.CharField(
        _("date rule"), max_length=10, choices=Rule.choices, default=Rule.FIXED
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(
        _("day of the month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("For a fixed date."),
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        null=True,
        blank=True,
        choices=[(index, name) for index, name in enumerate(calendar.day_name)],
        help_text=_("For a weekday of the month."),
    )
    ordinal = models.SmallIntegerField(
        _("which one"), null=True, blank=True, choices=Ordinal.choices
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("link"),
        MultiFieldPanel(
            [
                FieldPanel("rule"),
                FieldRowPanel([FieldPanel("month"), FieldPanel("day")]),
                FieldRowPanel([FieldPanel("ordinal"), FieldPanel("weekday")]),
            ],
            heading=_("Date"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("link"),
        SynchronizedField("rule"),
        SynchronizedField("month"),
        SynchronizedField("day"),
        SynchronizedField("weekday"),
        SynchronizedField("ordinal"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("international environmental day")
        verbose_name_plural = _("international environmental days")
        ordering = ["month", "day"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.rule == self.Rule.FIXED:
            if not self.day:
                raise ValidationError({"day": _("Enter the day of the month.")})
            try:
                datetime.date(2024, self.month, self.day)  # 2024 has 29 February
            except ValueError:
                raise ValidationError(
                    {"day": _("This month has no such day.")}
                ) from None
        elif self.weekday is None or self.ordinal is None:
            raise ValidationError(
                _("Choose which weekday of the month, e.g. the last Saturday.")
            )

    def date_in(self, year):
        """The day's date in `year`."""
        if self.rule == self.Rule.FIXED:
            day = min(self.day, calendar.monthrange(year, self.month)[1])
            return datetime.date(year, self.month, day)
        days = [
            week[self.weekday]
            for week in calendar.monthcalendar(year, self.month)
            if week[self.weekday]
        ]
        index = -1 if self.ordinal == DayOrdinal.LAST else self.ordinal - 1
        return datetime.date(year, self.month, days[index])


class DayAdoption(models.Model):
    """A school taking part in an environmental day in one year."""

    day = models.ForeignKey(
        EnvironmentalDay,
        verbose_name=_("environmental day"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    school = models.ForeignKey(
        "home.SchoolPage",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adopted environmental day")
        verbose_name_plural = _("adopted environmental days")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "school", "year"], name="one_adoption_per_school_year"
            )
        ]

    def __str__(self):
        return f"{self.school} – {self.day} {self.year}"
