import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import Revision

from activities.importer import PlanImportError, import_plan, parse_rows, read_table
from activities.models import ActionPlanPage, ActivityPage

from .conftest import SEED_CSV, import_csv_text

pytestmark = pytest.mark.django_db

HEADER = "nr,activity,IX,X,XI,XII,I,II,III,IV,V,VI\n"


def errors_of(text):
    with pytest.raises(PlanImportError) as caught:
        parse_rows(read_table(text.encode("utf-8"), "plan.csv"))
    return [str(error) for error in caught.value.errors]


def test_a_good_file_becomes_published_activity_pages(school):
    result = import_csv_text(
        school, HEADER + "1,Ekopadomes sēdes,x,,x,,,,,,,\n1.1,Pirmā sēde,x,,,,,,,,,\n"
    )

    pages = ActivityPage.objects.child_of(result.plan).order_by("path")
    assert [(p.number, p.title, p.live) for p in pages] == [
        ("1", "Ekopadomes sēdes", True),
        ("1.1", "Pirmā sēde", True),
    ]
    assert pages[0].planned_ix and pages[0].planned_xi and not pages[0].planned_x
    assert result.plan.live and result.plan.school_year == "2025/2026"


def test_unknown_month_column_is_reported_on_line_1():
    text = "nr,activity,IX,X,XI,XII,I,II,III,IV,V,VI,XIII\n1,Sēde,x,,,,,,,,,,\n"

    assert errors_of(text) == [
        "Line 1: “XIII” is not a school month column; use IX, X, XI, XII, I, II, "
        "III, IV, V or VI."
    ]


def test_header_without_nr_and_activity_is_reported():
    errors = errors_of("number,title,IX,X,XI,XII,I,II,III,IV,V,VI\n1,Sēde,x\n")

    assert errors == [
        "Line 1: the first two columns must be “nr” and “activity”; the header is "
        "nr,activity,IX,X,XI,XII,I,II,III,IV,V,VI."
    ]


def test_missing_month_columns_are_named():
    errors = errors_of("nr,activity,IX,X,XI,XII,I,II,III,IV\n1,Sēde,x\n")

    assert errors == ["Line 1: month columns are missing: V, VI."]


def test_duplicate_number_names_the_line_it_first_appeared_on():
    errors = errors_of(HEADER + "1,Sēde,x\n2,Aptauja,x\n1,Vēlreiz,x\n")

    assert errors == ["Line 4: number 1 is already used on line 2."]


def test_sub_activity_without_its_activity_is_reported():
    errors = errors_of(HEADER + "4,Projekts,\n4.5,Ekskursija,x\n5.1,Mobilitāte,x\n")

    assert errors == [
        "Line 4: 5.1 is a sub-activity of 5, but the file has no activity 5."
    ]


def test_empty_title_is_reported():
    assert errors_of(HEADER + "1,  ,x\n") == ["Line 2: the activity has no title."]


def test_mark_other_than_x_is_reported_with_its_month():
    errors = errors_of(HEADER + "1,Sēde,x,yes,,,,,,,,\n")

    assert errors == [
        "Line 2: “yes” under X is not a mark; write x or leave the cell empty."
    ]


def test_malformed_number_is_reported():
    errors = errors_of(HEADER + "4.a,Sēde,x\n")

    assert errors == ["Line 2: “4.a” is not an activity number; use 4 or 4.1."]


def test_every_bad_row_is_reported_at_once():
    errors = errors_of(HEADER + "1,Sēde,x\n2,,x\n3,Aptauja,o\n5.1,Apakš,x\n")

    assert errors == [
        "Line 3: the activity has no title.",
        "Line 4: “o” under IX is not a mark; write x or leave the cell empty.",
        "Line 5: 5.1 is a sub-activity of 5, but the file has no activity 5.",
    ]


def test_nothing_is_imported_while_any_row_is_bad(school):
    with pytest.raises(PlanImportError):
        import_csv_text(school, HEADER + "1,Sēde,x\n2,Aptauja,x\n3,,x\n")

    assert not ActionPlanPage.objects.exists()
    assert not ActivityPage.objects.exists()


def test_capital_x_and_trailing_dots_in_numbers_are_accepted(school):
    result = import_csv_text(school, HEADER + "4.,Projekts,X\n4.1.,Ekskursija,x\n")

    numbers = ActivityPage.objects.child_of(result.plan).values_list(
        "number", flat=True
    )
    assert sorted(numbers) == ["4", "4.1"]


def test_reimporting_the_same_file_changes_nothing(seed_plan, school):
    pages, revisions = ActivityPage.objects.count(), Revision.objects.count()

    rows = parse_rows(read_table(SEED_CSV.read_bytes(), SEED_CSV.name))
    result = import_plan(school, "2025/2026", rows)

    assert (ActivityPage.objects.count(), Revision.objects.count()) == (
        pages,
        revisions,
    )
    assert len(result.unchanged) == 36 and not result.created and not result.updated


def test_reimporting_an_edited_file_updates_activities_in_place(school):
    first = import_csv_text(school, HEADER + "1,Sēdes,x\n2,Aptauja,x\n")
    original = ActivityPage.objects.get(number="2")

    second = import_csv_text(school, HEADER + "1,Sēdes,x\n2,Vides aptauja,,x\n")

    assert second.plan.pk == first.plan.pk
    assert ActivityPage.objects.count() == 2
    updated = ActivityPage.objects.get(number="2")
    assert updated.pk == original.pk
    assert (updated.title, updated.planned_ix, updated.planned_x) == (
        "Vides aptauja",
        False,
        True,
    )


def test_semicolon_separated_csv_from_a_latvian_spreadsheet_is_read(school):
    text = "nr;activity;IX;X;XI;XII;I;II;III;IV;V;VI\n1;Sēdes, reizi mēnesī;x\n"

    result = import_csv_text(school, text)

    assert result.created[0].title == "Sēdes, reizi mēnesī"


def test_xlsx_file_is_imported_with_numbers_stored_as_numbers(school):
    workbook = Workbook()
    workbook.active.append(["nr", "activity", "IX", "X", "XI", "XII", "I", "II"])
    workbook.active["I1"], workbook.active["J1"] = "III", "IV"
    workbook.active["K1"], workbook.active["L1"] = "V", "VI"
    workbook.active.append([4, "Projekts"])
    workbook.active.append([4.1, "Ekskursija", "x"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    rows = parse_rows(read_table(buffer.getvalue(), "plans.xlsx"))
    result = import_plan(school, "2025/2026", rows)

    assert [(p.number, p.planned_ix) for p in result.created] == [
        ("4", False),
        ("4.1", True),
    ]


def test_a_file_that_is_not_a_spreadsheet_is_refused():
    with pytest.raises(PlanImportError) as caught:
        read_table(b"PK\x03\x04 not really a zip", "plan.xlsx")

    assert str(caught.value) == "The file is not a readable XLSX spreadsheet."


def test_bad_school_year_is_refused(school):
    with pytest.raises(PlanImportError) as caught:
        import_csv_text(school, HEADER + "1,Sēde,x\n", year="2025/2027")

    assert "two consecutive years" in str(caught.value)
    assert not ActionPlanPage.objects.exists()


@pytest.mark.postgres
def test_command_imports_the_seed_plan_and_reports_counts(school):
    out = io.StringIO()

    call_command(
        "import_action_plan",
        str(SEED_CSV),
        school="lit",
        year="2025/2026",
        theme="water",
        stdout=out,
    )

    plan = ActionPlanPage.objects.get()
    assert plan.theme.slug == "water"
    assert ActivityPage.objects.child_of(plan).live().count() == 36
    assert "36 new, 0 updated, 0 unchanged activities" in out.getvalue()


@pytest.mark.postgres
def test_command_lists_every_bad_row_and_imports_nothing(school, tmp_path):
    bad = tmp_path / "plan.csv"
    bad.write_text(HEADER + "1,Sēde,x\n1,Sēde,x\n2,,x\n", encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was imported: 2 problem"):
        call_command(
            "import_action_plan", str(bad), school="lit", year="2025/2026", stderr=err
        )

    assert err.getvalue().splitlines() == [
        "Line 3: number 1 is already used on line 2.",
        "Line 4: the activity has no title.",
    ]
    assert not ActivityPage.objects.exists()


def test_command_refuses_an_unknown_school(school):
    with pytest.raises(CommandError, match="no school with the slug “nav”"):
        call_command(
            "import_action_plan", str(SEED_CSV), school="nav", year="2025/2026"
        )
