"""Partners of a school: schools, universities, companies, municipalities, projects."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock
from home.models import (
    PAGE_TRANSLATABLE_FIELDS,
    PortalPage,
    SectionPage,
    in_default_locale,
    optional_link,
)
from partners.countries import COUNTRIES

# Erasmus+ project numbers: national agencies' "2023-1-LV01-KA220-VET-000123456"
# (and the 2014-2020 "2019-1-LV01-KA202-060123"), or the nine digits the
# European Commission gives centralised projects such as Centres of Vocational
# Excellence ("101104391").
ERASMUS_NUMBER_PATTERN = (
    r"^(?:\d{4}-\d-[A-Z]{2}\d{2}-KA\d{3}(?:-[A-Z]{3,5})?-\d{6,9}(?:_\d+)?|10\d{7})$"
)
erasmus_number_validator = RegexValidator(
    ERASMUS_NUMBER_PATTERN,
    _(
        "Enter the Erasmus+ project number as the agreement shows it, e.g. "
        "2023-1-LV01-KA220-VET-000123456, or the nine-digit number of a "
        "centralised project, e.g. 101104391."
    ),
)


class PartnerIndexPage(SectionPage):
    """A school's partners section."""

    parent_page_types = ["home.SchoolPage"]
    subpage_types = ["partners.PartnerPage"]

    class Meta:
        verbose_name = _("Partners section")
        verbose_name_plural = _("Partners sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = PartnerPage.objects.child_of(self).live().public().order_by("title")
        kind = request.GET.get("kind", "")
        if kind in PartnerPage.Kind.values:
            partners = partners.filter(kind=kind)
        context["partners"] = partners
        context["kinds"] = PartnerPage.Kind.choices
        context["current_kind"] = kind
        return context


class PartnerPage(PortalPage):
    """One partner of a school, with the cooperation agreement that binds them."""

    class Kind(models.TextChoices):
        MEMBER_SCHOOL = "member_school", _("Member eco-school")
        SCHOOL = "school", _("Other school")
        FOREIGN_SCHOOL = "foreign_school", _("Foreign school")
        UNIVERSITY = "university", _("University department")
        COMPANY = "company", _("Company")
        MUNICIPALITY = "municipality", _("Municipality")
        NGO = "ngo", _("Non-governmental organisation")
        PROJECT = "project", _("Project")

    class AgreementStatus(models.TextChoices):
        NONE = "none", _("No agreement")
        PLANNED = "planned", _("Planned")
        SIGNED = "signed", _("Signed")
        ENDED = "ended", _("Ended")

    kind = models.CharField(_("kind of partner"), max_length=20, choices=Kind.choices)
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=COUNTRIES,
        default="LV",
        blank=True,
        help_text=_("Leave empty for an international project."),
    )
    city = models.CharField(_("city or municipality"), max_length=100, blank=True)
    logo = optional_link(
        "wagtailimages.Image",
        _("logo"),
    )
    website = models.URLField(_("website"), blank=True)
    intro = models.TextField(
        _("Introduction"),
        blank=True,
        help_text=_(
            "One or two sentences: who the partner is and what you do together."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    agreement_status = models.CharField(
        _("cooperation agreement"),
        max_length=10,
        choices=AgreementStatus.choices,
        default=AgreementStatus.NONE,
    )
    date_signed = models.DateField(_("date signed"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_(
            "Editors are reminded before this date. Leave empty if open-ended."
        ),
    )
    agreement_document = optional_link(
        "wagtaildocs.Document",
        _("agreement document"),
    )
    sdgs = ParentalManyToManyField(
        "home.SustainableDevelopmentGoal",
        verbose_name=_("sustainable development goals"),
        blank=True,
        related_name="+",
        limit_choices_to=in_default_locale,
    )
    erasmus_project_number = models.CharField(
        _("Erasmus+ project number"),
        max_length=40,
        blank=True,
        validators=[erasmus_number_validator],
    )

    content_panels = Page.content_panels + [
        # Who the partner is
        FieldRowPanel([FieldPanel("kind"), FieldPanel("country"), FieldPanel("city")]),
        FieldPanel("logo"),
        FieldPanel("intro"),
        FieldPanel("body"),
        # How to reach them
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldRowPanel(
                    [
                        FieldPanel("contact_name"),
                        FieldPanel("contact_email"),
                        FieldPanel("contact_phone"),
                    ]
                ),
            ],
            heading=_("Contacts"),
        ),
        # The agreement
        MultiFieldPanel(
            [
                FieldPanel("agreement_status"),
                FieldRowPanel([FieldPanel("date_signed"), FieldPanel("valid_until")]),
                FieldPanel("agreement_document"),
                FieldPanel("erasmus_project_number"),
            ],
            heading=_("Cooperation agreement"),
        ),
        # What the cooperation is about
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
        InlinePanel("milestones", heading=_("Milestones"), label=_("Milestone")),
        InlinePanel(
            "related_pages",
            heading=_("Related activities, events and stories"),
            label=_("Related page"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("agreement_status"),
    ]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("intro"),
        TranslatableField("body"),
        TranslatableField("milestones"),
        SynchronizedField("kind"),
        SynchronizedField("country"),
        SynchronizedField("city"),
        SynchronizedField("logo"),
        SynchronizedField("website"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
        SynchronizedField("contact_phone"),
        SynchronizedField("agreement_status"),
        SynchronizedField("date_signed"),
        SynchronizedField("valid_until"),
        SynchronizedField("agreement_document"),
        SynchronizedField("sdgs"),
        SynchronizedField("erasmus_project_number"),
        SynchronizedField("related_pages"),
    ]

    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Partner")
        verbose_name_plural = _("Partners")

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.agreement_status
            in (
                self.AgreementStatus.SIGNED,
                self.AgreementStatus.ENDED,
            )
            and not self.date_signed
        ):
            errors["date_signed"] = _(
                "A signed or ended agreement needs the date it was signed."
            )
        if (
            self.date_signed
            and self.valid_until
            and self.valid_until <= self.date_signed
        ):
            errors["valid_until"] = _(
                "The agreement must be valid until a date after it was signed."
            )
        if self.erasmus_project_number:
            self.erasmus_project_number = self.erasmus_project_number.strip().upper()
        if errors:
            raise ValidationError(errors)

    def agreement_is_current(self, today=None):
        today = today or datetime.date.today()
        return self.agreement_status == self.AgreementStatus.SIGNED and (
            self.valid_until is None or self.valid_until >= today
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sdgs"] = [goal.localized for goal in self.sdgs.all()]
        context["related"] = [
            link.page.specific.localized
            for link in self.related_pages.select_related("page")
            if link.page.live
        ]
        return context


class PartnerMilestone(TranslatableMixin, Orderable):
    """A dated step of the cooperation: a training, a meeting, a visit."""

    partner = ParentalKey(
        PartnerPage, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("what"), max_length=200)
    place = models.CharField(_("where"), max_length=120, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("A milestone cannot end before it starts.")}
            )


class PartnerRelatedPage(Orderable):
    """A link from a partner to an activity, event or story done together."""

    partner = ParentalKey(
        PartnerPage, on_delete=models.CASCADE, related_name="related_pages"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
