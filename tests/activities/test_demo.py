import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, PageLogEntry, Revision

from activities.demo import PROGRESS, TITLES_EN
from activities.models import ActionPlanPage, ActivityPage, ActivityProgress

from .conftest import seed_rows
from .grid_html import grid_as_csv_rows, parse_grid

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def demo(demo_network_once, db):
    """The demo network, shared by this module's tests."""


def demo_plan(language_code="lv"):
    return ActionPlanPage.objects.get(locale__language_code=language_code)


@pytest.mark.postgres
def test_demo_plan_page_shows_the_spreadsheet_cell_by_cell(client, demo):
    expected = seed_rows()[1:]

    response = client.get("/ricibas-plani/2025-2026/", HTTP_HOST="lit.localhost")
    rendered = grid_as_csv_rows(response.content.decode())

    assert response.status_code == 200
    assert len(rendered) == len(expected) == 36
    for line, (row_expected, row_rendered) in enumerate(
        zip(expected, rendered, strict=True), start=2
    ):
        assert row_rendered == row_expected, f"line {line} of the CSV"


def test_english_demo_plan_has_every_title_translated_and_the_same_marks(client, demo):
    response = client.get("/en/action-plans/2025-2026/", HTTP_HOST="lit.localhost")
    html = response.content.decode()
    rows = grid_as_csv_rows(html)

    assert response.status_code == 200
    assert [row[1] for row in rows] == [TITLES_EN[row[0]] for row in rows]
    assert [row[2:] for row in rows] == [row[2:] for row in seed_rows()[1:]]
    first = parse_grid(html).rows[0]["cells"]
    assert first[2]["hidden"] == "planned in September, done"
    assert first[4]["hidden"] == "planned in November, done"
    assert first[6]["hidden"] == "planned in January"


def test_demo_plan_has_the_goals_theme_and_approval_of_the_seed(client, demo):
    html = client.get(
        "/ricibas-plani/2025-2026/", HTTP_HOST="lit.localhost"
    ).content.decode()

    plan = demo_plan()
    assert plan.theme.slug == "water"
    assert (plan.approved_by, plan.approved_on.isoformat()) == (
        "Ekopadome",
        "2025-10-21",
    )
    assert "<li>uzzināt par ūdens aprites ciklu;</li>" in html
    assert "Popularizēt ieradumus, kas samazina ūdens patēriņu" in html
    assert '<time datetime="2025-10-21">' in html


def test_english_demo_plan_page_is_translated(client, demo):
    html = client.get(
        "/en/action-plans/2025-2026/", HTTP_HOST="lit.localhost"
    ).content.decode()

    assert "<h1>Eco-committee action plan for the 2025/2026 school year</h1>" in html
    assert "<li>learn about the water cycle;</li>" in html
    assert "Eco-committee" in html
    assert "Ūdens" not in html and "Water" in html


def test_demo_records_autumn_2025_progress_with_reports(demo):
    done = ActivityProgress.objects.filter(
        activity__locale__language_code="lv", status="done"
    )

    marks = [row[2:] for row in seed_rows()[1:]]
    planned_months = sum(mark == "x" for row in marks for mark in row)
    assert done.count() == sum(entry["status"] == "done" for entry in PROGRESS)
    assert set(done.values_list("month", flat=True)) == {9, 10, 11}
    assert all(entry.report for entry in done)
    completion = demo_plan().grid().completion
    assert (completion.planned, completion.done) == (planned_months, done.count())


def test_demo_activity_links_to_the_sdgs_of_the_seed(client, demo):
    page = ActivityPage.objects.get(number="8.3", locale__language_code="lv")

    # LIT has its own site in the demo.
    html = client.get(page.url, HTTP_HOST="lit.localhost:8000").content.decode()

    assert sorted(goal.number for goal in page.sdgs.all()) == [6, 14]
    assert "Tīrs ūdens un sanitārija" in html and "Dzīvība ūdenī" in html


@pytest.mark.postgres
def test_loading_the_demo_again_changes_nothing(demo):
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        ActivityProgress.objects.count(),
    )

    call_command("load_demo", stdout=io.StringIO())

    assert (
        Page.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        ActivityProgress.objects.count(),
    ) == counts
    english = Locale.objects.get(language_code="en")
    assert ActivityPage.objects.filter(locale=english).count() == 36


def test_hub_shows_each_schools_completion_of_its_latest_plan(client, demo):
    plan = demo_plan()
    completion = plan.grid().completion

    html = client.get("/").content.decode()

    assert "Latgales Industriālais tehnikums" in html
    assert (
        f'<meter class="completion__meter" aria-hidden="true" min="0" '
        f'max="{completion.planned}" value="{completion.done}">'
    ) in html
    assert html.count('class="completion__meter"') == 1  # only LIT has a plan
