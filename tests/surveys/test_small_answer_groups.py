"""Every published figure is built from at least the threshold's number of answers.

Students are 12 and teachers 6, both above the threshold of 5; only 3 students
answer the optional question on the way to school, so the students' figures of
that question must not appear anywhere the public can read them.
"""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation
from openpyxl import load_workbook

from surveys.blocks import SurveyChartBlock
from surveys.models import ReportPage, RespondentGroup, SurveyField
from surveys.results import cross_tabulation, survey_results
from tests.factories import REVIEW_QUESTIONS as QUESTIONS

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TRIP = ("school_trip", "single_choice", "Kā nokļūstat līdz tehnikumam?", "")
TRIP_OPTIONS = "Ar velosipēdu\nKājām\nAr autobusu"
SURVEY_QUESTIONS = [
    *QUESTIONS[:2],
    (TRIP[0], TRIP[1], TRIP[2], TRIP_OPTIONS),
]
HOST = "lit.localhost"


def lv(label):
    with translation.override("lv"):
        return str(label)


STUDENTS, TEACHERS = (
    lv(RespondentGroup.STUDENTS.label),
    lv(RespondentGroup.TEACHERS.label),
)


def make_trip_optional(survey):
    SurveyField.objects.filter(page=survey, question_key="school_trip").update(
        required=False
    )


def answer_all(survey, answer, *, teachers_trip="1"):
    """12 students (3 answer the trip question) and 6 teachers (all do)."""
    for number in range(12):
        trip = {"school_trip": "3"} if number < 3 else {}
        answer(
            survey,
            "students",
            dripping_taps="yes" if number < 6 else "no",
            drinking_water="1" if number < 8 else "2",
            **trip,
        )
    for number in range(6):
        answer(
            survey,
            "teachers",
            dripping_taps="yes",
            drinking_water="2" if number < 3 else "3",
            school_trip=teachers_trip,
        )


@pytest.fixture
def published(make_survey, answer):
    survey = make_survey(questions=SURVEY_QUESTIONS, results_published=True)
    make_trip_optional(survey)
    answer_all(survey, answer)
    return survey


def results_path(survey):
    return survey.url.replace(f"http://{HOST}", "") + "results/"


def section(html, key):
    match = re.search(
        rf'<section class="question-result" aria-labelledby="q-{key}">(.*?)</section>',
        html,
        re.S,
    )
    assert match, f"no section for {key}"
    return match.group(1)


def without_note(html):
    return re.sub(r'<p class="question-result__note">.*?</p>', "", html, flags=re.S)


def note(html):
    match = re.search(r'<p class="question-result__note">(.*?)</p>', html, re.S)
    return match.group(1) if match else ""


def column_headers(html):
    return [
        re.sub(r"<[^>]+>", "", header).strip()
        for header in re.findall(r'<th scope="col">(.*?)</th>', html, re.S)
    ]


def bar_figures(html):
    chart = re.search(r'<div class="bar-chart".*?</div>\s*</figure>', html, re.S)
    root = ET.fromstring(chart.group(0).removesuffix("</figure>"))  # noqa: S314
    return [text.text for text in root.iter("text")], [
        " ".join(item.itertext()) for item in root.iter("li")
    ]


def csv_rows(content):
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,")
    return list(csv.reader(io.StringIO(text), dialect))


def test_results_leave_out_a_group_that_answered_an_optional_question_too_rarely(
    published,
):
    trip = survey_results(published, public=True).question("school_trip")

    assert [g.key for g in trip.visible_groups] == ["teachers"]
    assert [g.key for g in trip.suppressed_groups] == ["students"]
    assert trip.answered == {"teachers": 6}
    assert trip.total_answered == 6
    assert {row.value: row.total.count for row in trip.rows} == {
        "1": 6,
        "2": 0,
        "3": 0,
    }
    # Editors still see the three answers.
    editors = survey_results(published, public=False).question("school_trip")
    assert editors.answered == {"students": 3, "teachers": 6}


def test_results_page_shows_no_count_share_or_bar_of_the_small_answer_group(
    client, published
):
    html = client.get(results_path(published), HTTP_HOST=HOST).content.decode()

    trip = section(html, "school_trip")
    shown = without_note(trip)
    assert STUDENTS not in shown
    assert "(n=3)" not in shown and "(n=9)" not in shown
    assert column_headers(shown) == [
        "Atbilde",
        f"{TEACHERS} (n=6)",
        "Visi redzamie (n=6)",
    ]
    figures, legend = bar_figures(shown)
    assert figures == ["100 %", "0 %", "0 %"]  # teachers only
    assert legend == []
    assert "Grupas, kurās ir mazāk nekā 5 respondenti" in note(trip)
    assert f"{STUDENTS}." in note(trip)
    # The students' other answers are shown where enough of them answered.
    assert f"{STUDENTS} <span" in section(html, "drinking_water")


def test_results_exports_hold_no_figure_of_the_small_answer_group(client, published):
    content = client.get(results_path(published) + "csv/", HTTP_HOST=HOST).content
    workbook = load_workbook(
        io.BytesIO(
            client.get(results_path(published) + "xlsx/", HTTP_HOST=HOST).content
        )
    )
    rows_csv = csv_rows(content)[1:]
    rows_xlsx = [
        ["" if value is None else str(value) for value in row]
        for row in workbook.active.iter_rows(min_row=2, values_only=True)
    ]

    for rows in (rows_csv, rows_xlsx):
        trip = [row for row in rows if row[0] == TRIP[2]]
        students = [row for row in trip if row[1] == STUDENTS]
        assert len(students) == 1  # the note, with no figure
        assert students[0][2:3] == [""]
        assert "mazāk nekā 5" in students[0][3]
        assert {row[1] for row in trip} == {TEACHERS, "Visi redzamie", STUDENTS}
        bus = [row for row in trip if row[3] == "Ar autobusu"]
        assert {row[4] for row in bus} == {"0"}
        assert {row[2] for row in trip if row[1] != STUDENTS} == {"6"}


def test_cross_tabulation_hides_small_columns_and_the_one_that_would_reveal_them(
    published,
):
    # Drinking water splits the 18 respondents into 8, 7 and 3: the 3 are
    # hidden, and so are the 7, or the page's total less the 8 would give them.
    taps = cross_tabulation(published, "dripping_taps", "drinking_water", public=True)

    assert [g.label for g in taps.visible_groups] == ["Krāna ūdeni"]
    assert [g.label for g in taps.suppressed_groups] == [
        "Pirktu ūdeni",
        "Saldinātus dzērienus",
    ]
    assert taps.answered == {"1": 8}
    assert {row.value: row.total.count for row in taps.rows} == {"yes": 6, "no": 2}
    editors = cross_tabulation(
        published, "dripping_taps", "drinking_water", public=False
    )
    assert editors.answered == {"1": 8, "2": 7, "3": 3}


def test_cross_tabulation_counts_only_answers_the_results_page_shows(published):
    # The trip question's students are hidden, so they are not in its split.
    trip = cross_tabulation(published, "school_trip", "drinking_water", public=True)

    assert trip.total_answered == 0
    assert trip.visible_groups == []


def test_cross_tabulation_chart_block_shows_only_the_columns_shown(published):
    block = SurveyChartBlock()
    value = block.to_python(
        {
            "survey": published.pk,
            "question_key": "dripping_taps",
            "split_by_key": "drinking_water",
            "caption": "",
        }
    )

    html = block.render(value)

    shown = without_note(html)
    assert column_headers(shown) == [
        "Atbilde",
        "Krāna ūdeni (n=8)",
        "Visi redzamie (n=8)",
    ]
    assert "Pirktu ūdeni" not in shown and "(n=7)" not in shown
    assert "(n=18)" not in shown and "(n=10)" not in shown
    figures, legend = bar_figures(shown)
    assert figures == ["75 %", "25 %"]
    assert "Pirktu ūdeni, Saldinātus dzērienus." in note(html)


def test_last_years_figures_leave_out_its_small_answer_groups_too(
    client, make_survey, answer, published
):
    earlier = make_survey(
        slug="aptauja-2024",
        school_year="2024/2025",
        questions=SURVEY_QUESTIONS,
        results_published=True,
    )
    make_trip_optional(earlier)
    answer_all(earlier, answer, teachers_trip="2")

    trip = survey_results(published, public=True).question("school_trip")

    assert trip.previous_year == "2024/2025"
    assert trip.previous_answered == 6
    assert {row.value: row.previous.count for row in trip.rows} == {
        "1": 0,
        "2": 6,
        "3": 0,
    }
    html = client.get(results_path(published), HTTP_HOST=HOST).content.decode()
    shown = without_note(section(html, "school_trip"))
    assert "2024/2025 (n=6)" in column_headers(shown)
    assert "(n=3)" not in shown and "(n=9)" not in shown
    figures, legend = bar_figures(shown)
    # Teachers this year, then last year's total: nothing of the 3 students.
    assert figures == ["100 %", "0 %", "0 %", "100 %", "0 %", "0 %"]
    assert legend[1].endswith("2024/2025 (n=6)")
    rows = csv_rows(
        client.get(results_path(published) + "csv/", HTTP_HOST=HOST).content
    )
    last_year = [row for row in rows if row[0] == TRIP[2] and row[1] == "2024/2025"]
    assert {(row[2], row[3], row[4]) for row in last_year} == {
        ("6", "Ar velosipēdu", "0"),
        ("6", "Kājām", "6"),
        ("6", "Ar autobusu", "0"),
    }


def test_a_report_with_two_charts_of_one_question_has_no_duplicate_id(
    client, reports, published
):
    chart = {
        "survey": published.pk,
        "question_key": "dripping_taps",
        "split_by_key": "",
        "caption": "",
    }
    report = ReportPage(
        title="Ūdens pārskats",
        slug="udens-parskats",
        action_plan_year="2025/2026",
        body=json.dumps(
            [
                {"type": "survey_chart", "value": chart},
                {"type": "survey_chart", "value": chart},
                {
                    "type": "table_chart",
                    "value": {
                        "title": "Ūdens patēriņš",
                        "description": "",
                        "unit": "m³",
                        "rows": [{"label": "2025", "value": "1525"}],
                    },
                },
            ]
        ),
    )
    reports.add_child(instance=report)
    report.save_revision().publish()

    html = client.get(
        report.url.replace(f"http://{HOST}", ""), HTTP_HOST=HOST
    ).content.decode()

    assert html.count('class="bar-chart"') == 3
    ids = re.findall(r'\bid="([^"]+)"', html)
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert duplicates == set()


def test_results_tables_cannot_be_downloaded_before_the_results_are_public(
    client, published
):
    published.results_published = False
    published.save_revision().publish()

    for file_format in ("csv/", "xlsx/", "pdf/"):
        response = client.get(results_path(published) + file_format, HTTP_HOST=HOST)
        assert response.status_code == 404
