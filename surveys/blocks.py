"""Report body: the shared blocks plus two chart blocks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from home.blocks import BaseStreamBlock
from surveys.charts import question_chart, table_chart, unique_id


class SurveyChartBlock(blocks.StructBlock):
    """A chart of one question of a survey, from its published results."""

    survey = blocks.PageChooserBlock(label=_("Survey"), page_type="surveys.SurveyPage")
    question_key = blocks.CharBlock(
        label=_("Question key"),
        max_length=60,
        help_text=_(
            "The key of the question, as set on the survey, e.g. dripping_taps."
        ),
    )
    split_by_key = blocks.CharBlock(
        label=_("Split by question"),
        required=False,
        # Reports saved before this field existed read "" rather than None, which
        # wagtail-localize cannot extract for translation.
        default="",
        max_length=60,
        help_text=_(
            "Optional: the key of a choice question whose answers become the "
            "columns, e.g. dripping_taps."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "table"
        template = "blocks/survey_chart_block.html"
        label = _("Survey chart")
        description = _("A chart and table of one survey question's published results.")
        preview_value = {"question_key": "dripping_taps"}

    def clean(self, value):
        # surveys.models imports this module for the report body.
        from surveys.models import CHOICE_TYPES

        value = super().clean(value)
        survey = value.get("survey")
        if survey is not None:
            survey = survey.specific
            fields = {field.question_key: field for field in survey.get_form_fields()}
            errors = {}
            if value["question_key"] not in fields:
                errors["question_key"] = ValidationError(
                    _("“%(survey)s” has no question with this key.")
                    % {"survey": survey.title}
                )
            split_by = value.get("split_by_key")
            if split_by and (
                split_by not in fields
                or fields[split_by].field_type not in CHOICE_TYPES
                or split_by == value["question_key"]
            ):
                errors["split_by_key"] = ValidationError(
                    _("“%(survey)s” has no other choice question with this key.")
                    % {"survey": survey.title}
                )
            if errors:
                raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        # surveys.results imports surveys.models, which imports this module.
        from surveys.results import cross_tabulation, survey_results

        context = super().get_context(value, parent_context)
        # Two blocks may show the same question: their ids must differ.
        context["anchor"] = unique_id("survey-chart")
        survey = value["survey"]
        if survey is not None:
            survey = survey.specific.localized
            if value.get("split_by_key"):
                question = cross_tabulation(
                    survey, value["question_key"], value["split_by_key"], public=True
                )
            else:
                results = survey_results(survey, public=True)
                question = results.question(value["question_key"])
            context["survey"] = survey
            context["question"] = question
            if question is not None:
                context["chart"] = question_chart(question)
        return context


class NumberRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=100)
    value = blocks.DecimalBlock(label=_("Value"), decimal_places=2)

    class Meta:
        icon = "list-ul"
        label = _("Row")


class TableChartBlock(blocks.StructBlock):
    """A bar chart of a small table of numbers the editor types in."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(
        label=_("Description"),
        required=False,
        help_text=_("What the chart shows, for readers who cannot see it."),
    )
    unit = blocks.CharBlock(
        label=_("Unit"), required=False, max_length=30, help_text=_("E.g. m³ or %.")
    )
    rows = blocks.ListBlock(NumberRowBlock(), label=_("Rows"), min_num=1, max_num=30)

    class Meta:
        icon = "table"
        template = "blocks/table_chart_block.html"
        label = _("Chart from numbers")
        description = _("A bar chart with its table, from a few numbers.")
        preview_value = {
            "title": "Ūdens patēriņš, m³",
            "unit": "m³",
            "rows": [
                {"label": "2023", "value": "1840"},
                {"label": "2024", "value": "1710"},
                {"label": "2025", "value": "1525"},
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["chart"] = table_chart(value)
        return context


class ReportStreamBlock(BaseStreamBlock):
    survey_chart = SurveyChartBlock()
    table_chart = TableChartBlock()
