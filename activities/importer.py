"""Importing an action plan from a spreadsheet (CSV or XLSX) into pages.

The file has one header row, `nr,activity,IX,X,XI,XII,I,II,III,IV,V,VI`, then one
row per activity: its number (4, 4.1 ...), its title and an `x` under each month
it is planned for. The management command and the admin upload view both call
`read_table`, `parse_rows` and `import_plan`:

- every bad row is reported with its line (the spreadsheet's row number) and the
  reason, and nothing is written while any row is bad;
- rows are matched to existing activities by number, so importing the same file
  again changes nothing, and an edited file updates the plan in place. Activities
  missing from the file are left alone (an import never deletes an editor's work).
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.coreutils import cautious_slugify, find_available_slug

from activities.models import (
    SCHOOL_YEAR_MESSAGE,
    ActionPlanIndexPage,
    ActionPlanPage,
    ActivityPage,
)
from activities.months import (
    MONTHS_BY_ROMAN,
    SCHOOL_MONTHS,
    ActivityNumber,
    parse_school_year,
)
from home.exports import unguard_cell
from home.schools import SECTIONS

HEADER_START = ("nr", "activity")
MAX_TITLE_LENGTH = ActivityPage._meta.get_field("title").max_length
MAX_ROWS = 500


@dataclass(frozen=True)
class RowError:
    line: int | None
    message: str

    def __str__(self):
        if self.line is None:
            return self.message
        return _("Line %(line)s: %(message)s") % {
            "line": self.line,
            "message": self.message,
        }


class PlanImportError(Exception):
    """The file cannot be imported; `errors` says why, row by row."""

    def __init__(self, errors):
        self.errors = sorted(errors, key=lambda error: error.line or 0)
        super().__init__("; ".join(str(error) for error in self.errors))


@dataclass(frozen=True)
class PlanRow:
    line: int
    number: ActivityNumber
    title: str
    months: frozenset  # calendar month numbers, 9..12 and 1..6


@dataclass
class ImportResult:
    plan: ActionPlanPage
    plan_created: bool = False
    published: bool = True
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    not_in_file: list = field(default_factory=list)


# Reading -----------------------------------------------------------------------


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise PlanImportError(
            [RowError(None, _("The file is not a readable XLSX spreadsheet."))]
        ) from error
    try:
        sheet = workbook.worksheets[0]
        return [
            [_cell_text(value) for value in row]
            for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)
        ]
    finally:
        workbook.close()


def _read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PlanImportError(
            [RowError(None, _("The CSV file is not UTF-8 text; save it as UTF-8."))]
        ) from error
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to Latvian save CSV with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise PlanImportError(
            [
                RowError(
                    None, _("The CSV file cannot be read: %(error)s") % {"error": error}
                )
            ]
        ) from error


def read_table(data, filename=""):
    """The cells of a CSV or XLSX file, row by row: by extension, else by content."""
    name = filename.lower()
    if name.endswith(".xlsx") or (
        not name.endswith(".csv") and data[:4] == b"PK\x03\x04"
    ):
        return _read_xlsx(data)
    return _read_csv(data)


# Checking ----------------------------------------------------------------------


def _month_columns(header):
    """{column index: month} from the header row, or the header's errors."""
    errors = []
    cells = [cell.strip() for cell in header]
    while cells and not cells[-1]:
        cells.pop()
    if tuple(cell.lower() for cell in cells[:2]) != HEADER_START:
        errors.append(
            RowError(
                1,
                _(
                    "the first two columns must be “nr” and “activity”; the header "
                    "is nr,activity,IX,X,XI,XII,I,II,III,IV,V,VI."
                ),
            )
        )
    columns = {}
    seen = set()
    for index, cell in enumerate(cells[2:], start=2):
        roman = cell.upper()
        month = MONTHS_BY_ROMAN.get(roman)
        if month is None:
            errors.append(
                RowError(
                    1,
                    _(
                        "“%(column)s” is not a school month column; use IX, X, XI, "
                        "XII, I, II, III, IV, V or VI."
                    )
                    % {"column": cell},
                )
            )
        elif roman in seen:
            errors.append(
                RowError(
                    1, _("the month column %(month)s appears twice.") % {"month": roman}
                )
            )
        else:
            seen.add(roman)
            columns[index] = month
    missing = [month.roman for month in SCHOOL_MONTHS if month.roman not in seen]
    if missing:
        errors.append(
            RowError(
                1,
                _("month columns are missing: %(months)s.")
                % {"months": ", ".join(missing)},
            )
        )
    return columns, len(cells), errors


def parse_rows(table):
    """The plan rows of a table, or PlanImportError listing every bad row."""
    if not table or not any(cell for cell in table[0]):
        raise PlanImportError([RowError(None, _("The file is empty."))])
    if len(table) > MAX_ROWS + 1:
        raise PlanImportError(
            [
                RowError(
                    None,
                    _("The file has more than %(count)s rows.") % {"count": MAX_ROWS},
                )
            ]
        )
    columns, width, errors = _month_columns(table[0])
    if errors:
        raise PlanImportError(errors)
    rows = []
    first_line_of = {}
    for line, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        row_errors = []
        if any(cells[width:]):
            row_errors.append(_("the row has more cells than the header has columns."))
        cells = list(cells[:width]) + [""] * (width - len(cells))
        raw_number, title = cells[0], unguard_cell(cells[1]).strip()
        number = ActivityNumber.parse(raw_number)
        if not raw_number:
            row_errors.append(_("the number is empty."))
        elif number is None:
            row_errors.append(
                _("“%(number)s” is not an activity number; use 4 or 4.1.")
                % {"number": raw_number}
            )
        elif number in first_line_of:
            row_errors.append(
                _("number %(number)s is already used on line %(line)s.")
                % {"number": number, "line": first_line_of[number]}
            )
        else:
            first_line_of[number] = line
        if not title:
            row_errors.append(_("the activity has no title."))
        elif len(title) > MAX_TITLE_LENGTH:
            row_errors.append(
                _("the title is longer than %(count)s characters.")
                % {"count": MAX_TITLE_LENGTH}
            )
        months = set()
        for index, month in columns.items():
            mark = cells[index].strip()
            if mark.lower() == "x":
                months.add(month.number)
            elif mark:
                row_errors.append(
                    _(
                        "“%(mark)s” under %(month)s is not a mark; write x or leave "
                        "the cell empty."
                    )
                    % {"mark": mark, "month": month.roman}
                )
        errors += [RowError(line, message) for message in row_errors]
        if not row_errors:
            rows.append(PlanRow(line, number, title, frozenset(months)))
    for row in rows:
        if row.number.is_sub and row.number.parent not in first_line_of:
            errors.append(
                RowError(
                    row.line,
                    _(
                        "%(number)s is a sub-activity of %(parent)s, but the file has "
                        "no activity %(parent)s."
                    )
                    % {"number": row.number, "parent": row.number.parent},
                )
            )
    if errors:
        raise PlanImportError(errors)
    if not rows:
        raise PlanImportError([RowError(None, _("The file has no activities."))])
    return sorted(rows, key=lambda row: row.number)


# Writing -----------------------------------------------------------------------


def _save(page, user, publish):
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return revision


def _index_of(school):
    index = ActionPlanIndexPage.objects.child_of(school).first()
    if index is not None:
        return index

    section = next(s for s in SECTIONS if s.model == "activities.ActionPlanIndexPage")
    index = school.add_child(
        instance=ActionPlanIndexPage(
            title=section.title_lv, slug=section.slug_lv, locale=school.locale
        )
    )
    _save(index, None, publish=True)
    return index


def _planned(page):
    return frozenset(m.number for m in SCHOOL_MONTHS if getattr(page, m.field))


def _set_months(page, months):
    for month in SCHOOL_MONTHS:
        setattr(page, month.field, month.number in months)


def activity_slug(number, title):
    """'4.1', 'Mācību ekskursijas' -> '4-1-macibu-ekskursijas' (short, ASCII)."""
    text = f"{str(number).replace('.', '-')} {title}"
    return cautious_slugify(text)[:70].strip("-")


def plan_title(school_year, language_code):
    """A new plan's title, in the language of the school's pages."""
    with translation.override(language_code):
        return _("Action plan %(year)s") % {"year": school_year}


@transaction.atomic
def import_plan(school, school_year, rows, user=None, publish=True, theme=None):
    """Create or update `school`'s plan for `school_year` from checked `rows`.

    With `publish`, every new or changed page is published; without, they are
    saved as draft revisions that go through the school's moderation like any
    other edit. Raises PlanImportError (and writes nothing) if a page is invalid.
    """
    if parse_school_year(school_year) is None:
        raise PlanImportError([RowError(None, str(SCHOOL_YEAR_MESSAGE))])
    school_year = school_year.strip()
    try:
        return _import(school, school_year, rows, user, publish, theme)
    except ValidationError as error:
        raise PlanImportError([RowError(None, " ".join(error.messages))]) from error


def _import(school, school_year, rows, user, publish, theme):
    index = _index_of(school)
    plan = ActionPlanPage.plans_for_year(index, school_year).first()
    result = ImportResult(plan=plan, published=publish)
    if plan is None:
        plan = index.add_child(
            instance=ActionPlanPage(
                title=plan_title(school_year, index.locale.language_code),
                slug=find_available_slug(index, school_year.replace("/", "-")),
                school_year=school_year,
                theme=theme,
                locale=index.locale,
                live=publish,
            )
        )
        _save(plan, user, publish)
        result.plan, result.plan_created = plan, True

    existing = {
        ActivityNumber.parse(page.number): page
        for page in ActivityPage.objects.child_of(plan)
    }
    for row in rows:
        page = existing.pop(row.number, None)
        if page is None:
            slug = activity_slug(row.number, row.title)
            page = plan.add_child(
                instance=ActivityPage(
                    title=row.title,
                    slug=find_available_slug(plan, slug or str(row.number)),
                    number=str(row.number),
                    locale=plan.locale,
                    live=publish,
                    **{m.field: m.number in row.months for m in SCHOOL_MONTHS},
                )
            )
            _save(page, user, publish)
            result.created.append(page)
            continue
        # Start from the latest revision, so an editor's pending draft is kept.
        latest = page.get_latest_revision_as_object()
        if latest.title == row.title and _planned(latest) == row.months:
            result.unchanged.append(page)
            continue
        latest.title = row.title
        _set_months(latest, row.months)
        _save(latest, user, publish)
        result.updated.append(page)
    result.not_in_file = sorted(
        existing.values(), key=lambda p: ActivityNumber.parse(p.number)
    )
    return result
