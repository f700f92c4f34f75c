"""Environmental review surveys, their answers and invitations, and reports.

Answers are stored twice on purpose: Wagtail's `form_data` keeps the submission as
the respondent saw it, and one `SurveyAnswer` row per answer (per ticked option for
multiple choice) lets the database count, group and average without reading JSON.

Anonymity is structural: `SurveyResponse` and `SurveyAnswer` have no relation to
`Invitation` and hold no address or token, and an invitation records only *that*
it was used, never when, so even times cannot pair an answer with an address.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.models import FormMixin as WagtailFormMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import PAGE_TRANSLATABLE_FIELDS, PortalPage, SectionPage
from surveys.blocks import ReportStreamBlock

school_year_validator = RegexValidator(
    r"^\d{4}/\d{4}$", _("Enter a school year as two years, e.g. 2025/2026.")
)
question_key_validator = RegexValidator(
    r"^[a-z][a-z0-9_]{0,59}$",
    _("Use lower-case Latin letters, digits and underscores, starting with a letter."),
)


class RespondentGroup(models.TextChoices):
    STUDENTS = "students", _("Students")
    TEACHERS = "teachers", _("Teachers")
    ADMINISTRATION = "administration", _("Administration")
    OTHER = "other", _("Other")


class QuestionType(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    SCALE = "scale", _("Scale 1-5")
    YES_NO = "yes_no", _("Yes or no")
    FREE_TEXT = "free_text", _("Free text")


CHOICE_TYPES = {
    QuestionType.SINGLE_CHOICE,
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.SCALE,
    QuestionType.YES_NO,
}
SCALE_VALUES = ["1", "2", "3", "4", "5"]
# The name of the built-in audience question in forms and in form_data.
AUDIENCE_FIELD = "audience"


# Reports section --------------------------------------------------------------


class ReportIndexPage(SectionPage):
    """A school's reports section: its surveys, their results and its reports."""

    parent_page_types = ["home.SchoolPage"]
    subpage_types = ["surveys.SurveyPage", "surveys.ReportPage"]

    class Meta:
        verbose_name = _("Reports section")
        verbose_name_plural = _("Reports sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            ReportPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-action_plan_year", "-first_published_at")
        )
        context["surveys"] = (
            SurveyPage.objects.child_of(self).live().public().order_by("-opens_at")
        )
        return context


# Surveys ----------------------------------------------------------------------


class SurveyField(TranslatableMixin, AbstractFormField):
    """One question of a survey; `question_key` stays the same from year to year."""

    page = ParentalKey(
        "surveys.SurveyPage", on_delete=models.CASCADE, related_name="form_fields"
    )
    field_type = models.CharField(
        _("question type"), max_length=16, choices=QuestionType.choices
    )
    field_type.required_on_save = True
    question_key = models.CharField(
        _("question key"),
        max_length=60,
        validators=[question_key_validator],
        help_text=_(
            "A short stable name such as dripping_taps. Give the same question "
            "the same key every year so that the results can be compared."
        ),
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("field_type"), FieldPanel("question_key")]),
        FieldPanel("required"),
        FieldPanel(
            "choices",
            help_text=_(
                "For single and multiple choice: one option per line. Keep the "
                "order when translating; answers are counted by position."
            ),
        ),
    ]
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        SynchronizedField("field_type"),
        SynchronizedField("question_key"),
        SynchronizedField("required"),
        SynchronizedField("clean_name"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def get_field_clean_name(self):
        # The form field is named by the stable key, so form_data keeps its
        # keys when an editor rewords a question or translates it.
        return self.question_key

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.question_key == AUDIENCE_FIELD:
            raise ValidationError(
                {"question_key": _("“audience” is the built-in audience question.")}
            )
        needs_options = self.field_type in {
            QuestionType.SINGLE_CHOICE,
            QuestionType.MULTIPLE_CHOICE,
        }
        if needs_options and len(self.options) < 2:
            raise ValidationError({"choices": _("Give at least two options.")})

    @property
    def options(self):
        """[(value, label)] of a choice question; values are stable positions."""
        if self.field_type == QuestionType.SCALE:
            return [(value, value) for value in SCALE_VALUES]
        if self.field_type == QuestionType.YES_NO:
            return [("yes", _("Yes")), ("no", _("No"))]
        lines = [line.strip() for line in self.choices.splitlines() if line.strip()]
        return [(str(number), label) for number, label in enumerate(lines, start=1)]

    def option_label(self, value):
        return dict(self.options).get(value, value)


class SurveyPage(WagtailFormMixin, PortalPage):
    """An environmental review survey on Wagtail's form builder."""

    intro = RichTextField(
        verbose_name=_("Introduction"),
        blank=True,
        features=["bold", "italic", "link"],
    )
    thank_you_text = RichTextField(
        verbose_name=_("Thank-you text"),
        blank=True,
        features=["bold", "italic", "link"],
    )
    school_year = models.CharField(
        _("school year"),
        max_length=9,
        validators=[school_year_validator],
        help_text=_("The action plan year the survey belongs to, e.g. 2025/2026."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "Anonymous surveys keep no link between an answer and an invitation; "
            "otherwise respondents are asked for their name."
        ),
    )
    invitation_only = models.BooleanField(
        _("only with an invitation link"),
        default=True,
        help_text=_("Untick to let anyone with the page address answer."),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("smallest group shown in published results"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Groups with fewer answers are left out of the public results so "
            "that no pupil can be recognised."
        ),
    )
    reminder_after_days = models.PositiveSmallIntegerField(
        _("send the reminder after (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    results_published = models.BooleanField(_("results are public"), default=False)

    content_panels = Page.content_panels + [
        # What respondents read
        FieldPanel("intro"),
        InlinePanel(
            "form_fields", heading=_("Questions"), label=_("Question"), min_num=1
        ),
        FieldPanel("thank_you_text"),
        # When and how
        MultiFieldPanel(
            [
                FieldPanel("school_year"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("anonymous"),
                FieldPanel("invitation_only"),
                FieldPanel("reminder_after_days"),
            ],
            heading=_("Survey period and invitations"),
        ),
        # Results
        MultiFieldPanel(
            [FieldPanel("results_published"), FieldPanel("min_group_size")],
            heading=_("Results"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("intro"),
        TranslatableField("thank_you_text"),
        TranslatableField("form_fields"),
        SynchronizedField("school_year"),
        SynchronizedField("opens_at"),
        SynchronizedField("closes_at"),
        SynchronizedField("anonymous"),
        SynchronizedField("invitation_only"),
        SynchronizedField("min_group_size"),
        SynchronizedField("reminder_after_days"),
        SynchronizedField("results_published"),
    ]

    parent_page_types = ["surveys.ReportIndexPage"]
    subpage_types = []
    template = "surveys/survey_page.html"
    landing_page_template = "surveys/survey_page_landing.html"

    class Meta:
        verbose_name = _("Survey")
        verbose_name_plural = _("Surveys")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("The survey must close after it opens.")}
            )

    # Form builder ---------------------------------------------------------------

    @property
    def form_builder(self):
        # surveys.forms imports this module: a circle.
        from surveys.forms import SurveyFormBuilder

        return SurveyFormBuilder

    def get_submission_class(self):
        return SurveyResponse

    def get_form_class(self, *, with_audience=True):
        builder = self.form_builder(
            self.get_form_fields(),
            with_audience=with_audience,
            with_name=not self.anonymous,
        )
        return builder.get_form_class()

    def get_form(self, *args, with_audience=True, **kwargs):
        form_class = self.get_form_class(with_audience=with_audience)
        return form_class(*args, **kwargs)

    def get_data_fields(self):
        fields = [("submit_time", _("Submission date")), (AUDIENCE_FIELD, _("Group"))]
        if not self.anonymous:
            fields.append(("respondent_name", _("Name")))
        return fields + [(f.clean_name, f.label) for f in self.get_form_fields()]

    def get_submissions(self):
        return SurveyResponse.objects.filter(survey_key=self.translation_key)

    @property
    def questions(self):
        return list(self.get_form_fields())

    # State ----------------------------------------------------------------------

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return "not_open"
        if now >= self.closes_at:
            return "closed"
        return "open"

    @property
    def is_open(self):
        return self.state() == "open"

    def previous_survey(self):
        """The latest earlier survey of the same school sharing a question key."""
        keys = {field.question_key for field in self.get_form_fields()}
        parent = self.get_parent()
        if parent is None:
            return None
        earlier = (
            SurveyPage.objects.descendant_of(parent.get_parent())
            .filter(locale=self.locale, school_year__lt=self.school_year)
            .exclude(pk=self.pk)
            .order_by("-school_year", "-opens_at")
        )
        for survey in earlier:
            if keys & {field.question_key for field in survey.get_form_fields()}:
                return survey
        return None

    # Serving --------------------------------------------------------------------

    def get_sitemap_urls(self, request=None):
        """Invitation-only forms stay out of the sitemap; published results go in."""
        entries = [] if self.invitation_only else super().get_sitemap_urls(request)
        if self.results_published:
            results = {
                "location": self.get_full_url(request) + "results/",
                "lastmod": self.last_published_at or self.latest_revision_created_at,
            }
            alternates = [
                {
                    "lang_code": page.locale.language_code,
                    "location": page.get_full_url(request) + "results/",
                }
                for page in self.get_translations(inclusive=True)
                .live()
                .select_related("locale")
            ]
            if len(alternates) > 1:
                results["alternates"] = alternates
            entries.append(results)
        return entries

    def route(self, request, path_components):
        if path_components == ["results"] and self.live:
            return RouteResult(self, kwargs={"results": True})
        # results/csv/ and results/xlsx/: Wagtail serves only paths ending in "/".
        if len(path_components) == 2 and path_components[0] == "results" and self.live:
            return RouteResult(self, kwargs={"results_export": path_components[1]})
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        # surveys.views imports this module: a circle.
        from surveys import views

        if kwargs.get("results"):
            return views.public_results(request, self)
        if kwargs.get("results_export"):
            return views.public_results_export(request, self, kwargs["results_export"])
        return views.serve_survey(request, self)

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        context = self.get_context(request)
        context["form"] = self.get_form()
        return TemplateResponse(request, self.template, context)


class SurveyResponse(AbstractFormSubmission):
    """One respondent's answers. Deliberately without any link to an invitation."""

    survey_key = models.UUIDField(
        _("survey"),
        db_index=True,
        help_text=_("The translation key of the survey, shared by its translations."),
    )
    audience = models.CharField(
        _("group"), max_length=20, choices=RespondentGroup.choices
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["submit_time", "pk"]
        indexes = [models.Index(fields=["survey_key", "audience"])]

    def __str__(self):
        return f"{self.get_audience_display()} {self.pk}"

    def get_data(self):
        """Answers as the editor reads them: option labels rather than positions."""
        # surveys.exports imports this module: a circle.
        from surveys.exports import answer_text

        data = super().get_data()
        for question in self.page.specific.get_form_fields():
            name = question.clean_name
            if name in data:
                data[name] = answer_text(question, data[name])
        data[AUDIENCE_FIELD] = self.get_audience_display()
        return data


class SurveyAnswer(models.Model):
    """One answer to one question, in a shape the database can aggregate."""

    response = models.ForeignKey(
        SurveyResponse,
        verbose_name=_("response"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question_key = models.CharField(_("question key"), max_length=60)
    choice = models.CharField(_("option"), max_length=20, blank=True)
    number = models.PositiveSmallIntegerField(_("scale value"), null=True, blank=True)
    text = models.TextField(_("free text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question_key", "choice"])]

    def __str__(self):
        return f"{self.question_key}: {self.choice or self.number or self.text[:30]}"


class Invitation(models.Model):
    """A personal single-use link sent to one address.

    Only a hash of the link's token is stored; the token itself is derived from a
    random nonce and the portal's secret key, so the reminder can repeat the link.
    """

    survey = models.ForeignKey(
        SurveyPage,
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    audience = models.CharField(
        _("group"), max_length=20, choices=RespondentGroup.choices
    )
    email = models.EmailField(_("e-mail address"))
    nonce = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    # Only whether it was used: a time would pair it with the response's time.
    used = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "email"], name="surveys_invitation_once_per_survey"
            )
        ]

    def __str__(self):
        return self.email


# Reports ----------------------------------------------------------------------


class ReportPage(PortalPage):
    """An editor's report on the review: text, images, charts, documents."""

    intro = models.TextField(_("Introduction"), blank=True)
    action_plan_year = models.CharField(
        _("action plan year"),
        max_length=9,
        validators=[school_year_validator],
        help_text=_("The eco action plan year this report belongs to, e.g. 2025/2026."),
    )
    body = StreamField(ReportStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("action_plan_year"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("action_plan_year"),
    ]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("intro"),
        TranslatableField("body"),
        SynchronizedField("action_plan_year"),
    ]

    parent_page_types = ["surveys.ReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Report")
        verbose_name_plural = _("Reports")
