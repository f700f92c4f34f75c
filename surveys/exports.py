"""CSV and XLSX exports: a survey's responses for the school's editors, and the
published results' tables for everyone.

The results export is built from the same SurveyResults as the results page, so
it holds exactly the figures the page shows: a group hidden for too few answers
is in neither, only in the note that says so.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from surveys.models import QuestionType
from surveys.results import HIDDEN_NOTE

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text a spreadsheet shows as text: a leading quote stops formula injection."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
            timezone.localtime(response.submit_time).strftime("%Y-%m-%d %H:%M"),
            response.get_audience_display(),
        ]
        if not survey.anonymous:
            row.append(data.get("respondent_name", ""))
        row += [answer_text(q, data.get(q.clean_name)) for q in questions]
        rows.append([safe_cell(value) for value in row])
    return [safe_cell(str(value)) for value in header], rows


def as_csv(survey):
    header, rows = response_table(survey)
    buffer = io.StringIO()
    # A byte-order mark lets spreadsheet programs read Latvian letters correctly.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def as_xlsx(survey):
    header, rows = response_table(survey)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Responses")[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            # Text never becomes a formula, even where the quote was added.
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for index, _title in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 24
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def results_table(results):
    """The published tables, one row per figure, and a row for each note.

    Rows are (question, group or column, respondents who answered, answer,
    count, percent, average); the writers guard the text.
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
    header, rows = results_table(results)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(str(value)) for value in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def results_xlsx(results):
    header, rows = results_table(results)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Results")[:31]
    sheet.append([safe_cell(str(value)) for value in header])
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
