"""A plan as a spreadsheet, in exactly the format the importer reads.

Cells that a spreadsheet would run as a formula (starting with = + - @, tab or
carriage return) get a leading apostrophe, the convention spreadsheets use for
"this is text"; the importer removes it again, so the round trip is exact.
"""

import io

from activities.months import SCHOOL_MONTHS
from home.exports import (
    XLSX_CONTENT_TYPE,
    attachment,
    guard_cell,
    plain_csv,
)

HEADER = ["nr", "activity", *(month.roman for month in SCHOOL_MONTHS)]


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
    # Commas, not Excel's semicolons: this is the file the importer reads.
    return plain_csv(plan_table(plan))


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


def csv_response(plan):
    return attachment(
        plan_csv(plan),
        filename=f"{plan.export_filename}.csv",
        content_type="text/csv; charset=utf-8",
    )


def xlsx_response(plan):
    return attachment(
        plan_xlsx(plan),
        filename=f"{plan.export_filename}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )
