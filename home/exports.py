"""Spreadsheet files the portal gives to editors and teachers: the shared kit.

Every export (registrations, survey responses, action plans) writes its cells
through `guard_cell`, so text a visitor typed can never run as a formula in the
spreadsheet program of the person who opens the file.

`excel_csv` writes the CSV that Excel set to Latvian opens into columns: Latvian
Windows uses the comma as the decimal sign and therefore `;` as the list
separator, Excel only reads UTF-8 when the file starts with a byte-order mark,
and it expects CRLF line ends. XLSX is the first choice; the CSV is for programs
that read nothing else.
"""

import csv
import datetime
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from home.timezones import RIGA

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
EXCEL_CSV_DELIMITER = ";"
# Minutes are what a teacher reads; seconds and microseconds are noise.
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
SHEET_TITLE_LENGTH = 31  # Excel refuses longer sheet names.


def guard_cell(value):
    """Text a spreadsheet shows as text: a leading apostrophe stops a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unguard_cell(value):
    """The text before `guard_cell`, for importers that read an export back."""
    if (
        isinstance(value, str)
        and value[:1] == "'"
        and value[1:].startswith(FORMULA_STARTS)
    ):
        return value[1:]
    return value


def local_minutes(value):
    """An aware datetime as Latvian wall-clock time to the minute, as text."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        # The network's clock, not the editor's profile time zone: the file is
        # passed on to teachers who read the times as event times.
        if timezone.is_aware(value):
            value = timezone.localtime(value, RIGA)
        return value.strftime(DATETIME_FORMAT)
    return value


def guarded_rows(rows):
    return [[guard_cell(value) for value in row] for row in rows]


def excel_csv(header, rows):
    """CSV bytes that Latvian Excel splits into columns: `;`, UTF-8 BOM, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=EXCEL_CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([guard_cell(str(value)) for value in header])
    writer.writerows(guarded_rows(rows))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def plain_csv(rows):
    """Comma-separated text for files a program reads back (the plan importer)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(guarded_rows(rows))
    return buffer.getvalue()


def xlsx(header, rows, *, title, width=24):
    """XLSX bytes: a bold header row that stays in view, text never a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(title)[:SHEET_TITLE_LENGTH])
    for index in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    heading = []
    for value in header:
        cell = text_cell(sheet, str(value))
        cell.font = Font(bold=True)
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        sheet.append([text_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def text_cell(sheet, value):
    """A write-only cell whose text openpyxl may not take for a formula."""
    if isinstance(value, Promise):
        value = str(value)
    cell = WriteOnlyCell(sheet, guard_cell(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def attachment(content, *, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
