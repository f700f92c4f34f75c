"""CSV and XLSX exports: a survey's responses for the school's editors, and the
published results' tables for everyone.

The results export is built from the same SurveyResults as the results page, so
it holds exactly the figures the page shows: a group hidden for too few answers
is in neither, only in the note that says so.
"""

from django.utils.translation import gettext as _

from home import exports
from surveys.models import QuestionType
from surveys.results import HIDDEN_NOTE


def answer_text(question, value):
    if value in (None, "", []):
        return ""
    if question.field_type == QuestionType.MULTIPLE_CHOICE:
        return "; ".join(str(question.option_label(v)) for v in value)
    if question.field_type in {QuestionType.SINGLE_CHOICE, QuestionType.YES_NO}:
        return str(question.option_label(value))
    if question.field_type == QuestionType.SCALE:
        return int(value)
    return str(value)


def response_table(survey):
    """A header and one row per response, in the survey's language."""
    questions = survey.questions
    header = [_("Number"), _("Submitted"), _("Group")]
    if not survey.anonymous:
        header.append(_("Name"))
    header += [question.label for question in questions]
    rows = []
    for number, response in enumerate(survey.get_submissions(), start=1):
        data = response.form_data
        row = [
            number,
            exports.local_minutes(response.submit_time),
            response.get_audience_display(),
        ]
        if not survey.anonymous:
            row.append(data.get("respondent_name", ""))
        row += [answer_text(q, data.get(q.clean_name)) for q in questions]
        rows.append(row)
    # The writers in home.exports keep formula-like text as text.
    return header, rows


def as_csv(survey):
    return exports.excel_csv(*response_table(survey))


def as_xlsx(survey):
    header, rows = response_table(survey)
    return exports.xlsx(header, rows, title=_("Responses"))


def results_table(results):
    """The published tables, one row per figure, and a row for each note.

    Rows are (question, group or column, respondents who answered, answer,
    count, percent, average); the writers in home.exports guard the text.
    """
    header = [
        _("Question"),
        _("Group"),
        _("Answered"),
        _("Answer"),
        _("Count"),
        _("Percent"),
        _("Average (1–5)"),
    ]
    rows = []
    for question in results.questions:
        if question.is_free_text:
            continue
        rows += _question_rows(question)
    note = HIDDEN_NOTE % {"threshold": results.threshold}
    rows += [["", group.label, "", note] for group in results.hidden_groups]
    return header, rows


def _question_rows(question):
    label = str(question.label)
    columns = [
        (group.label, n, {row.value: row.cells[group.key] for row in question.rows})
        for group, n in question.columns
    ]
    columns.append(
        (
            _("All shown"),
            question.total_answered,
            {row.value: row.total for row in question.rows},
        )
    )
    averages = question.average_list + [question.total_average]
    if question.has_previous:
        columns.append(
            (
                question.previous_year,
                question.previous_answered,
                {row.value: row.previous for row in question.rows if row.previous},
            )
        )
        averages.append(question.previous_average)
    rows = []
    if question.total_answered:
        for column, answered, cells in columns:
            rows += [
                [label, column, answered, row.label, cell.count, cell.percent, ""]
                for row in question.rows
                if (cell := cells.get(row.value)) is not None
            ]
        if question.is_scale:
            rows += [
                [label, column, answered, "", "", "", average]
                for (column, answered, _cells), average in zip(
                    columns, averages, strict=True
                )
                if average is not None
            ]
    rows += [
        [label, group.label, "", question.hidden_note]
        for group in question.suppressed_groups
    ]
    return rows


def results_csv(results):
    return exports.excel_csv(*results_table(results))


def results_xlsx(results):
    header, rows = results_table(results)
    return exports.xlsx(header, rows, title=_("Results"))
