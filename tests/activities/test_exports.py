import csv
import io

import pytest
from openpyxl import load_workbook

from activities.exports import plan_xlsx
from activities.importer import import_plan, parse_rows, read_table
from activities.models import ActivityPage

from .conftest import SEED_CSV, import_csv_text, seed_rows

pytestmark = pytest.mark.django_db

HEADER = "nr,activity,IX,X,XI,XII,I,II,III,IV,V,VI\n"


def test_csv_export_is_byte_for_byte_the_import_file(client, seed_plan):
    response = client.get(seed_plan.url + "csv/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="lit-action-plan-2025-2026.csv"'
    )
    assert response.content == SEED_CSV.read_bytes()


@pytest.mark.postgres
def test_xlsx_export_then_import_gives_the_same_plan(client, seed_plan, other_school):
    response = client.get(seed_plan.url + "xlsx/")
    assert response["Content-Disposition"].endswith('.xlsx"')

    rows = parse_rows(read_table(response.content, "plan.xlsx"))
    copy = import_plan(other_school, "2026/2027", rows).plan

    def plan_of(plan):
        return [
            (page.number, page.title, page.planned_months) for page in plan.activities()
        ]

    assert len(plan_of(copy)) == 36
    assert plan_of(copy) == plan_of(seed_plan)


def test_xlsx_export_has_the_import_header_and_x_marks(seed_plan):
    sheet = load_workbook(io.BytesIO(plan_xlsx(seed_plan))).active

    cells = [
        ["" if value is None else value for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]

    assert cells == seed_rows()


def test_titles_that_look_like_formulas_are_exported_as_text(school):
    plan = import_csv_text(
        school, HEADER + '1,"=HYPERLINK(""http://x"")",x\n2,-5 grādi,x\n3,+plus,\n'
    ).plan

    exported = list(csv.reader(io.StringIO(plan.export_csv_text())))
    workbook = load_workbook(io.BytesIO(plan_xlsx(plan)))

    assert [row[1] for row in exported[1:]] == [
        '\'=HYPERLINK("http://x")',
        "'-5 grādi",
        "'+plus",
    ]
    assert workbook.active["B2"].data_type == "s"
    assert workbook.active["B2"].value == '\'=HYPERLINK("http://x")'


def test_guarded_titles_come_back_unchanged_after_a_round_trip(school, other_school):
    plan = import_csv_text(school, HEADER + "1,=SUM(A1),x\n2,@mention,\n").plan

    copy = import_csv_text(other_school, plan.export_csv_text()).plan

    titles = list(
        ActivityPage.objects.child_of(copy)
        .order_by("number_major")
        .values_list("title", flat=True)
    )
    assert titles == ["=SUM(A1)", "@mention"]
