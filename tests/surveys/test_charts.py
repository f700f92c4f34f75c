import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.conf import settings

from surveys.charts import chart_css, question_chart, table_chart
from surveys.results import survey_results

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(str(svg))  # noqa: S314 - the portal's own output


def assert_accessible(svg, title):
    root = parse(svg)
    first, second = list(root)[:2]
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert first.tag == f"{SVG}title" and first.text == title
    assert second.tag == f"{SVG}desc" and second.text.strip()
    assert root.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"
    return root


def assert_self_contained(svg):
    root = parse(svg)
    assert not root.findall(f".//{SVG}script")
    assert not root.findall(f".//{SVG}style")
    assert not [element for element in root.iter() if element.get("style")]
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href") or name == "src":
                assert not value.startswith(("http:", "https:", "//")), value


@pytest.fixture
def results(survey, answer):
    for audience, taps in [("students", "yes")] * 6 + [("teachers", "no")] * 5:
        answer(
            survey,
            audience,
            dripping_taps=taps,
            drinking_water="1",
            rainwater_use=["1"],
            tap_water_trust=3,
        )
    return survey_results(survey, public=True)


@pytest.mark.django_db
def test_question_chart_is_an_svg_image_with_title_and_description(results):
    chart = question_chart(results.question("dripping_taps"))

    assert_accessible(chart.svg, "Vai redzējāt pilošu krānu?")
    assert "Vai redzējāt pilošu krānu?" not in chart.description
    students, teachers = results.visible_groups
    assert f"{students.label} 6, {teachers.label} 5" in chart.description


@pytest.mark.django_db
def test_question_chart_loads_no_script_and_nothing_from_elsewhere(results):
    chart = question_chart(results.question("drinking_water"))

    assert_self_contained(chart.svg)


@pytest.mark.django_db
def test_question_chart_has_one_series_per_group_shown(results):
    chart = question_chart(results.question("dripping_taps"))

    legend = " ".join(parse(chart.svg).itertext())
    assert "(n=6)" in legend and "(n=5)" in legend


@pytest.mark.django_db
def test_free_text_questions_get_no_chart(results):
    assert question_chart(results.question("ideas")) is None


def test_table_chart_draws_the_typed_numbers_with_their_description():
    value = {
        "title": "Ūdens patēriņš, m³",
        "description": "",
        "unit": "m³",
        "rows": [
            {"label": "2024", "value": Decimal("5210")},
            {"label": "2025", "value": Decimal("4870")},
        ],
    }

    chart = table_chart(value)

    root = assert_accessible(chart.svg, "Ūdens patēriņš, m³")
    assert list(root)[1].text == "2024: 5210 m³, 2025: 4870 m³"
    assert_self_contained(chart.svg)


@pytest.mark.django_db
@pytest.mark.postgres
def test_results_page_puts_every_chart_beside_a_table(client, results):
    survey = results.survey
    survey.results_published = True
    survey.save_revision().publish()

    html = client.get(
        survey.url.replace("http://lit.localhost", "") + "results/",
        HTTP_HOST="lit.localhost",
    ).content.decode()

    blocks = re.findall(r'<div class="chart-with-table">(.*?)</table>', html, re.S)
    assert len(blocks) == 4  # four choice questions, none for free text
    for block in blocks:
        assert "<svg" in block and "<caption" in block


def test_static_chart_styles_match_the_chart_style():
    css = (settings.BASE_DIR / "static" / "css" / "charts.css").read_text()

    assert css == chart_css(), "Regenerate static/css/charts.css (see chart_css)"
