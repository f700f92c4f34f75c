import pytest
import time_machine
from django.template import Context, Template

from activities.models import ActivityPage, ActivityProgress
from activities.progress import completion_by_school, current_school_year

from .conftest import import_csv_text, render_grid
from .grid_html import parse_grid

pytestmark = pytest.mark.django_db

HEADER = "nr,activity,IX,X,XI,XII,I,II,III,IV,V,VI\n"
# 1: IX and X planned; 2: XI planned; 3: nothing planned (a heading row).
PLAN = HEADER + "1,Aptauja,x,x,,,,,,,,\n2,Rīcības dienas,,,x,,,,,,,\n3,Vides dienas,\n"


def record(activity, month, status, report=""):
    activity = activity.get_latest_revision_as_object()
    activity.progress.add(ActivityProgress(month=month, status=status, report=report))
    activity.save_revision().publish()


@pytest.fixture
def plan(school):
    return import_csv_text(school, PLAN).plan


def activity(number):
    return ActivityPage.objects.get(number=number)


def cells_of(plan, number):
    grid = parse_grid(render_grid(plan))
    row = next(r for r in grid.rows if r["cells"][0]["visible"] == number)
    return row["cells"][2:]


def test_completion_is_done_months_over_planned_months(plan):
    record(activity("1"), 9, "done", "Aptauja izveidota.")
    record(activity("2"), 11, "cancelled")

    completion = plan.grid().completion

    assert (completion.planned, completion.done, completion.percent) == (3, 1, 33)


def test_a_month_moved_and_done_later_counts_but_never_beyond_the_plan(plan):
    record(activity("2"), 11, "moved")
    record(activity("2"), 12, "done", "Notika decembrī.")
    record(activity("2"), 1, "done", "Un vēlreiz janvārī.")

    completion = plan.grid().completion

    assert (completion.planned, completion.done) == (3, 1)


def test_grid_shows_planned_against_done_in_words_and_marks(plan):
    record(activity("1"), 10, "done")
    record(activity("2"), 11, "moved")
    record(activity("2"), 12, "done")

    one, two = cells_of(plan, "1"), cells_of(plan, "2")

    assert (one[0]["visible"], one[0]["hidden"]) == ("x", "planned in September")
    assert (one[1]["visible"], one[1]["hidden"]) == ("✓", "planned in October, done")
    assert (two[2]["visible"], two[2]["hidden"]) == ("→", "planned in November, moved")
    assert (two[3]["visible"], two[3]["hidden"]) == ("✓", "done in December")
    assert "is-done" in one[1]["class"] and "is-planned" in one[1]["class"]


def test_a_draft_report_is_not_shown_until_it_is_published(client, plan):
    page = activity("1")
    page.progress.add(ActivityProgress(month=9, status="done", report="Melnraksts"))
    page.save_revision()

    assert plan.grid().completion.done == 0
    assert "Melnraksts" not in client.get(page.url).content.decode()


def test_activity_page_lists_its_reports_in_school_year_order(client, plan):
    record(activity("1"), 10, "done", "Rezultāti publicēti.")
    record(activity("1"), 9, "done", "Aptauja nosūtīta.")

    html = client.get(activity("1").url).content.decode()

    assert html.index("Aptauja nosūtīta.") < html.index("Rezultāti publicēti.")


def test_current_school_year_starts_in_september():
    with time_machine.travel("2026-08-31 12:00 +0300", tick=False):
        assert current_school_year() == "2025/2026"
    with time_machine.travel("2026-09-01 12:00 +0300", tick=False):
        assert current_school_year() == "2026/2027"


@pytest.mark.postgres
def test_completion_by_school_takes_three_queries_for_any_number_of_schools(
    school, other_school, django_assert_num_queries
):
    plan = import_csv_text(school, PLAN).plan
    import_csv_text(other_school, HEADER + "1,Sēdes,x,x,x,x,,,,,,\n")
    record(ActivityPage.objects.child_of(plan).get(number="1"), 9, "done")

    with (
        time_machine.travel("2025-11-15", tick=False),
        django_assert_num_queries(3),
    ):
        completions = completion_by_school([school, other_school])

    assert (completions[school.pk].planned, completions[school.pk].done) == (3, 1)
    assert completions[other_school.pk].planned == 4
    assert completions[other_school.pk].done == 0


def test_without_a_year_a_school_shows_its_latest_plan_up_to_this_year(school):
    import_csv_text(school, PLAN, year="2024/2025")
    import_csv_text(school, HEADER + "1,Sēdes,x,x,,,,,,,,\n", year="2025/2026")
    import_csv_text(school, HEADER + "1,Nākamgad,x,,,,,,,,,\n", year="2026/2027")

    with time_machine.travel("2026-03-01", tick=False):
        completion = completion_by_school([school])[school.pk]

    assert (completion.school_year, completion.planned) == ("2025/2026", 2)


def test_a_school_without_a_plan_has_no_completion(school):
    assert completion_by_school([school]) == {school.pk: None}


def test_completion_include_says_it_in_words(school, plan):
    record(activity("1"), 9, "done")
    template = Template(
        "{% load activities_tags %}{% school_completions schools as completions %}"
        "{% for school in schools %}{% include 'activities/includes/completion.html' "
        "with completion=completions|completion_of:school %}{% endfor %}"
    )

    with time_machine.travel("2025-11-15", tick=False):
        html = template.render(Context({"schools": [school]}))

    assert "2025/2026: 1 of 3 planned months done (33%)" in html
    assert (
        '<meter class="completion__meter" aria-hidden="true" min="0" max="3" value="1">'
        in html
    )
