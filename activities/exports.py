"""A plan as a spreadsheet, in exactly the format the importer reads.

Cells that a spreadsheet would run as a formula (starting with = + - @, tab or
carriage return) get a leading apostrophe, the convention spreadsheets use for
"this is text"; the importer removes it again, so the round trip is exact.
"""

import csv
import io

from django.http import HttpResponse

from activities.months import SCHOOL_MONTHS

HEADER = ["nr", "activity", *(month.roman for month in SCHOOL_MONTHS)]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def guard_cell(text):
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def unguard_cell(text):
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def plan_table(plan):
    """The header and one row per live activity, in number order."""
    rows = [HEADER]
    for activity in plan.activities():
        rows.append(
            [
                activity.number,
                guard_cell(activity.title),
                *("x" if getattr(activity, m.field) else "" for m in SCHOOL_MONTHS),
            ]
        )
    return rows


def plan_csv(plan):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(plan_table(plan))
    return buffer.getvalue()


def plan_xlsx(plan):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = plan.school_year.replace("/", "-")
    for row in plan_table(plan):
        # Numbers are written as text, so that 4.10 is not read back as 4.1.
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 80
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(plan):
    response = HttpResponse(plan_csv(plan), content_type="text/csv; charset=utf-8")
    return _attachment(response, f"{plan.export_filename}.csv")


def xlsx_response(plan):
    response = HttpResponse(plan_xlsx(plan), content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, f"{plan.export_filename}.xlsx")
