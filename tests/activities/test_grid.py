from pathlib import Path

import pytest
from django.conf import settings

from .conftest import render_grid, seed_rows
from .grid_html import MONTHS, grid_as_csv_rows, parse_grid

pytestmark = pytest.mark.django_db


def plan_html(client, plan):
    response = client.get(plan.url, HTTP_ACCEPT_LANGUAGE="lv")
    assert response.status_code == 200
    return response.content.decode()


def test_imported_plan_renders_the_spreadsheet_cell_by_cell(client, seed_plan):
    expected = seed_rows()[1:]

    rendered = grid_as_csv_rows(plan_html(client, seed_plan))

    assert len(rendered) == 36
    for row_expected, row_rendered in zip(expected, rendered, strict=True):
        assert row_rendered == row_expected


def test_month_columns_are_header_cells_with_full_month_names(client, seed_plan):
    grid = parse_grid(plan_html(client, seed_plan))

    months = grid.header[2:]
    assert [cell["scope"] for cell in grid.header] == ["col"] * 12
    assert [cell["visible"] for cell in months] == MONTHS
    assert [cell["hidden"] for cell in months] == [
        "septembris",
        "oktobris",
        "novembris",
        "decembris",
        "janvāris",
        "februāris",
        "marts",
        "aprīlis",
        "maijs",
        "jūnijs",
    ]
    assert "2025/2026" in grid.caption


def test_activities_are_row_headers_and_sub_activities_are_marked_as_such(
    client, seed_plan
):
    grid = parse_grid(plan_html(client, seed_plan))

    row = {r["cells"][0]["visible"]: r for r in grid.rows}
    assert row["4"]["cells"][1]["scope"] == "row"
    assert row["4"]["class"] == "is-main"
    assert row["4.1"]["class"] == "is-sub"


def test_every_marked_cell_has_a_visible_mark_and_words_for_screen_readers(
    seed_plan,
):
    grid = parse_grid(render_grid(seed_plan))
    first = grid.rows[0]["cells"][2:]  # 1, Ekopadomes sēdes: IX, XI, I, III, V, VI

    assert [cell["visible"] for cell in first] == [
        "x", "", "x", "", "x", "", "x", "", "x", "x",
    ]  # fmt: skip
    assert first[0]["hidden"] == "planned in September"
    assert first[9]["hidden"] == "planned in June"
    assert first[1]["hidden"] == ""


def test_plan_page_links_the_print_stylesheet_for_one_a4_landscape_page(
    client, seed_plan
):
    html = plan_html(client, seed_plan)
    stylesheet = Path(settings.BASE_DIR, "static", "css", "action-plan.css").read_text()

    assert '<link rel="stylesheet" href="/static/css/action-plan.css">' in html
    assert "@page { size: A4 landscape;" in stylesheet
    assert "@media print" in stylesheet


def test_plan_page_offers_the_downloads_and_the_green_flag_pack(client, seed_plan):
    html = plan_html(client, seed_plan)

    assert f'href="{seed_plan.url}xlsx/" download' in html
    assert f'href="{seed_plan.url}csv/" download' in html
    assert f'href="{seed_plan.url}green-flag-pack/"' in html
