"""A school's yearly eco action plan: the plan page, its activities and their progress.

Tree: SchoolPage → ActionPlanIndexPage ("Rīcības plāni") → ActionPlanPage (one per
school year) → ActivityPage (1, 2, 4, 4.1 ...). Progress per activity and month is
edited inline on the activity, so it goes through revisions and moderation.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from activities.exports import csv_response, plan_csv, xlsx_response
from activities.months import (
    MONTH_CHOICES,
    MONTHS_BY_NUMBER,
    NUMBER_PATTERN,
    SCHOOL_MONTHS,
    ActivityNumber,
    normalise_number,
    parse_school_year,
    school_month_index,
)
from home.blocks import BaseStreamBlock
from home.models import (
    PAGE_TRANSLATABLE_FIELDS,
    PortalPage,
    SectionPage,
    in_default_locale,
)

GOAL_FEATURES = ["bold", "italic", "link", "ol", "ul"]


SCHOOL_YEAR_MESSAGE = _(
    "Enter the school year as two consecutive years, e.g. 2025/2026."
)


def validate_school_year(value):
    if parse_school_year(value) is None:
        raise ValidationError(SCHOOL_YEAR_MESSAGE, code="school_year")


validate_activity_number = RegexValidator(
    NUMBER_PATTERN,
    _("Enter the activity number as 4 or, for a sub-activity, 4.1."),
    code="activity_number",
)


# Forms: rules that need the parent of a page that does not exist yet ------------


class ActionPlanPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        year = cleaned_data.get("school_year")
        parent = self.parent_page if self.instance.pk is None else None
        parent = parent or (self.instance.get_parent() if self.instance.pk else None)
        if year and parent is not None:
            clash = ActionPlanPage.plans_for_year(parent, year).exclude(
                pk=self.instance.pk
            )
            if clash.exists():
                self.add_error("school_year", duplicate_year_error(year))
        return cleaned_data


class ActivityPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        number = cleaned_data.get("number")
        plan = self.parent_page if self.instance.pk is None else None
        plan = plan or (self.instance.get_parent() if self.instance.pk else None)
        if number and plan is not None:
            for message in ActivityPage.number_problems(
                plan, number, exclude_pk=self.instance.pk
            ):
                self.add_error("number", message)
        return cleaned_data


def duplicate_year_error(year):
    return ValidationError(
        _("This school already has an action plan for %(year)s.") % {"year": year},
        code="duplicate_school_year",
    )


# Pages ------------------------------------------------------------------------


class ActionPlanIndexPage(SectionPage):
    """A school's "Rīcības plāni" section: its action plans, newest first."""

    parent_page_types = ["home.SchoolPage"]
    subpage_types = ["activities.ActionPlanPage"]

    class Meta:
        verbose_name = _("Action plans section")
        verbose_name_plural = _("Action plans sections")

    def get_context(self, request, *args, **kwargs):
        # activities.progress imports this module: a circle.
        from activities.progress import completion_by_plan

        context = super().get_context(request, *args, **kwargs)
        plans = list(
            ActionPlanPage.objects.child_of(self)
            .live()
            .public()
            .select_related("theme")
            .order_by("-school_year")
        )
        completions = completion_by_plan(plans)
        context["plans"] = [(plan, completions[plan.pk]) for plan in plans]
        return context


class ActionPlanPage(RoutablePageMixin, PortalPage):
    """A school's eco action plan for one school year, with its month grid."""

    school_year = models.CharField(
        _("school year"),
        max_length=9,
        validators=[validate_school_year],
        help_text=_("For example 2025/2026."),
    )
    theme = models.ForeignKey(
        "home.EcoTheme",
        verbose_name=_("yearly theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    strategic_goals = RichTextField(
        verbose_name=_("strategic goals"), blank=True, features=GOAL_FEATURES
    )
    institution_goals = RichTextField(
        verbose_name=_("institution goals"), blank=True, features=GOAL_FEATURES
    )
    eco_school_goals = RichTextField(
        verbose_name=_("eco-school goals"), blank=True, features=GOAL_FEATURES
    )
    students_can = RichTextField(
        verbose_name=_("what students can do"), blank=True, features=GOAL_FEATURES
    )
    approved_by = models.CharField(
        _("approved by"),
        max_length=200,
        blank=True,
        help_text=_("The body that approved the plan, e.g. Ekopadome."),
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = Page.content_panels + [
        # The year and its theme
        FieldRowPanel([FieldPanel("school_year"), FieldPanel("theme")]),
        # Goals, as the plan states them
        MultiFieldPanel(
            [
                FieldPanel("strategic_goals"),
                FieldPanel("institution_goals"),
                FieldPanel("eco_school_goals"),
                FieldPanel("students_can"),
            ],
            heading=_("Goals"),
        ),
        # Approval
        FieldRowPanel([FieldPanel("approved_by"), FieldPanel("approved_on")]),
        FieldPanel("body"),
        HelpPanel(
            _(
                "Activities are the pages under this plan. To create or update them "
                "all at once, use “Import from spreadsheet” in the page's actions."
            )
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("eco_school_goals"),
        index.SearchField("students_can"),
        index.FilterField("school_year"),
    ]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("strategic_goals"),
        TranslatableField("institution_goals"),
        TranslatableField("eco_school_goals"),
        TranslatableField("students_can"),
        TranslatableField("approved_by"),
        TranslatableField("body"),
        SynchronizedField("school_year"),
        # Shown through .localized; both languages share the theme's translation key.
        SynchronizedField("theme"),
        SynchronizedField("approved_on"),
    ]

    base_form_class = ActionPlanPageForm
    parent_page_types = ["activities.ActionPlanIndexPage"]
    subpage_types = ["activities.ActivityPage"]

    class Meta:
        verbose_name = _("Action plan")
        verbose_name_plural = _("Action plans")

    @classmethod
    def plans_for_year(cls, index_page, year):
        return cls.objects.child_of(index_page).filter(school_year=year.strip())

    def clean(self):
        super().clean()
        # Pages created in the admin are checked by the form, before they have a
        # place in the tree; this catches code that adds a page with add_child.
        if self.path and self.school_year and self.depth:
            parent = self.get_parent()
            clash = ActionPlanPage.plans_for_year(parent, self.school_year).exclude(
                pk=self.pk
            )
            if clash.exists():
                raise ValidationError(
                    {"school_year": duplicate_year_error(self.school_year)}
                )

    def activities(self):
        return (
            ActivityPage.objects.child_of(self)
            .live()
            .prefetch_related("sdgs")
            .order_by("number_major", "number_minor", "path")
        )

    def grid(self):
        """Rows of the month grid, in number order, with progress per month."""
        # activities.progress imports this module: a circle.
        from activities.progress import build_grid

        return build_grid(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        grid = self.grid()
        context["grid"] = grid
        context["months"] = SCHOOL_MONTHS
        context["export_urls"] = self.export_urls(request)
        return context

    def export_urls(self, request=None):
        base = self.get_url(request=request) or ""
        return {
            "csv": base + self.reverse_subpage("export_csv"),
            "xlsx": base + self.reverse_subpage("export_xlsx"),
            "green_flag_pack": base + self.reverse_subpage("green_flag_pack"),
        }

    # Routes -------------------------------------------------------------------

    # Wagtail serves only paths of words and slashes: the file name comes from
    # the Content-Disposition header.
    @path("csv/", name="export_csv")
    def export_csv(self, request):

        return csv_response(self)

    @path("xlsx/", name="export_xlsx")
    def export_xlsx(self, request):

        return xlsx_response(self)

    @path("green-flag-pack/", name="green_flag_pack")
    def green_flag_pack(self, request):
        context = self.get_context(request)
        return TemplateResponse(request, "activities/green_flag_pack.html", context)

    def export_csv_text(self):

        return plan_csv(self)

    @property
    def export_filename(self):
        school = self.school
        slug = school.slug if school else "plan"
        return f"{slug}-action-plan-{self.school_year.replace('/', '-')}"


class ActivityPage(PortalPage):
    """One activity of a plan; "4.1" is the first sub-activity of "4"."""

    class Step(models.TextChoices):
        ECO_COMMITTEE = "eco_committee", _("Eco-committee")
        ENVIRONMENTAL_REVIEW = "environmental_review", _("Environmental review")
        ACTION_PLAN = "action_plan", _("Action plan")
        MONITORING = "monitoring", _("Monitoring and evaluation")
        CURRICULUM = "curriculum", _("Curriculum links")
        INFORMING = "informing", _("Informing and involving")
        ECO_CODE = "eco_code", _("Eco-code")

    number = models.CharField(
        _("number"),
        max_length=7,
        validators=[validate_activity_number],
        help_text=_("4 for an activity, 4.1 for its first sub-activity."),
    )
    # Kept from `number` on save, so that 10 sorts after 9 and 4.10 after 4.9.
    number_major = models.PositiveSmallIntegerField(default=0, editable=False)
    number_minor = models.PositiveSmallIntegerField(default=0, editable=False)
    description = RichTextField(
        verbose_name=_("description"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )
    # One boolean per school month, so that "what happens in October" is a filter.
    planned_ix = models.BooleanField(MONTHS_BY_NUMBER[9].name, default=False)
    planned_x = models.BooleanField(MONTHS_BY_NUMBER[10].name, default=False)
    planned_xi = models.BooleanField(MONTHS_BY_NUMBER[11].name, default=False)
    planned_xii = models.BooleanField(MONTHS_BY_NUMBER[12].name, default=False)
    planned_i = models.BooleanField(MONTHS_BY_NUMBER[1].name, default=False)
    planned_ii = models.BooleanField(MONTHS_BY_NUMBER[2].name, default=False)
    planned_iii = models.BooleanField(MONTHS_BY_NUMBER[3].name, default=False)
    planned_iv = models.BooleanField(MONTHS_BY_NUMBER[4].name, default=False)
    planned_v = models.BooleanField(MONTHS_BY_NUMBER[5].name, default=False)
    planned_vi = models.BooleanField(MONTHS_BY_NUMBER[6].name, default=False)
    responsible = models.CharField(
        _("responsible people"),
        max_length=255,
        blank=True,
        help_text=_("Names or roles, e.g. the eco-committee, biology teachers."),
    )
    audience_students = models.BooleanField(_("students"), default=False)
    audience_teachers = models.BooleanField(_("teachers"), default=False)
    audience_administration = models.BooleanField(_("administration"), default=False)
    audience_parents = models.BooleanField(_("parents"), default=False)
    audience_guests = models.BooleanField(_("guests"), default=False)
    audience_community = models.BooleanField(_("community"), default=False)
    step = models.CharField(
        _("Eco-Schools step"), max_length=30, choices=Step.choices, blank=True
    )
    sdgs = ParentalManyToManyField(
        "home.SustainableDevelopmentGoal",
        verbose_name=_("UN sustainable development goals"),
        blank=True,
        related_name="+",
        limit_choices_to=in_default_locale,
    )

    content_panels = Page.content_panels + [
        # What and when
        FieldPanel("number"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel(m.field) for m in SCHOOL_MONTHS[:4]]),
                FieldRowPanel([FieldPanel(m.field) for m in SCHOOL_MONTHS[4:]]),
            ],
            heading=_("Planned months"),
        ),
        # Who
        FieldPanel("responsible"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("audience_students"),
                        FieldPanel("audience_teachers"),
                        FieldPanel("audience_administration"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("audience_parents"),
                        FieldPanel("audience_guests"),
                        FieldPanel("audience_community"),
                    ]
                ),
            ],
            heading=_("Audiences"),
        ),
        # Programme links
        FieldRowPanel(
            [
                FieldPanel("step"),
                FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
            ]
        ),
        # Progress, month by month
        InlinePanel("progress", label=_("Progress"), heading=_("Progress by month")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("responsible"),
        index.FilterField("number_major"),
    ]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("description"),
        TranslatableField("responsible"),
        SynchronizedField("number"),
        *(SynchronizedField(m.field) for m in SCHOOL_MONTHS),
        SynchronizedField("audience_students"),
        SynchronizedField("audience_teachers"),
        SynchronizedField("audience_administration"),
        SynchronizedField("audience_parents"),
        SynchronizedField("audience_guests"),
        SynchronizedField("audience_community"),
        SynchronizedField("step"),
        SynchronizedField("sdgs"),
        # Reports stay in the language they were written in.
        SynchronizedField("progress"),
    ]

    base_form_class = ActivityPageForm
    parent_page_types = ["activities.ActionPlanPage"]
    subpage_types = []

    AUDIENCE_FIELDS = [
        "audience_students",
        "audience_teachers",
        "audience_administration",
        "audience_parents",
        "audience_guests",
        "audience_community",
    ]

    class Meta:
        verbose_name = _("Activity")
        verbose_name_plural = _("Activities")

    def save(self, *args, **kwargs):
        self.number = normalise_number(self.number)
        parsed = ActivityNumber.parse(self.number)
        if parsed is not None:
            self.number_major, self.number_minor = parsed.major, parsed.minor
        return super().save(*args, **kwargs)

    def clean(self):
        self.number = normalise_number(self.number)
        super().clean()

    @classmethod
    def number_problems(cls, plan, number, exclude_pk=None):
        """Why `number` cannot be used under `plan`: taken, or a sub with no parent."""
        parsed = ActivityNumber.parse(number)
        if parsed is None:
            return []
        siblings = cls.objects.child_of(plan).exclude(pk=exclude_pk)
        problems = []
        if siblings.filter(number_major=parsed.major, number_minor=parsed.minor):
            problems.append(
                _("Activity %(number)s already exists in this plan.")
                % {"number": parsed}
            )
        if parsed.is_sub and not siblings.filter(
            number_major=parsed.major, number_minor=0
        ):
            problems.append(
                _(
                    "%(number)s is a sub-activity of %(parent)s, but this plan has no "
                    "activity %(parent)s."
                )
                % {"number": parsed, "parent": parsed.parent}
            )
        return problems

    @property
    def is_sub_activity(self):
        return self.number_minor > 0

    @property
    def planned_months(self):
        return [m for m in SCHOOL_MONTHS if getattr(self, m.field)]

    @property
    def audiences(self):
        return [
            self._meta.get_field(name).verbose_name
            for name in self.AUDIENCE_FIELDS
            if getattr(self, name)
        ]

    def progress_in_school_order(self):
        return sorted(self.progress.all(), key=lambda p: school_month_index(p.month))


# Progress ---------------------------------------------------------------------


class ActivityProgress(Orderable):
    """What happened with an activity in one month, with evidence for the jury."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        MOVED = "moved", _("moved")
        CANCELLED = "cancelled", _("cancelled")

    activity = ParentalKey(
        ActivityPage, on_delete=models.CASCADE, related_name="progress"
    )
    month = models.PositiveSmallIntegerField(_("month"), choices=MONTH_CHOICES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DONE
    )
    report = models.TextField(
        _("short report"),
        max_length=1000,
        blank=True,
        help_text=_("What was done, with whom, and what came of it."),
    )
    evidence = StreamField(
        [("photo", ImageBlock(label=_("Photo")))],
        verbose_name=_("evidence photos"),
        blank=True,
    )

    panels = [
        FieldRowPanel([FieldPanel("month"), FieldPanel("status")]),
        FieldPanel("report"),
        FieldPanel("evidence"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("progress")
        verbose_name_plural = _("progress")
        unique_together = [("activity", "month")]

    def __str__(self):
        return f"{self.activity.number} {MONTHS_BY_NUMBER[self.month].roman}"

    @property
    def school_month(self):
        return MONTHS_BY_NUMBER[self.month]
