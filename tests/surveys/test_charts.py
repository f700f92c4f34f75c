import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from surveys.charts import COLOURS, FIGURE_ON_BAR, question_chart, table_chart
from surveys.results import survey_results


def parse(markup):
    return ET.fromstring(str(markup))  # noqa: S314 - the portal's own output


def contrast(first, second):
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in channels
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted([luminance(first), luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def assert_accessible(markup, title):
    root = parse(markup)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    named = {element.get("id"): element for element in root.iter()}
    assert named[title_id].text == title
    assert named[desc_id].text.strip()
    return root


def assert_self_contained(markup):
    root = parse(markup)
    assert not root.findall(".//script")
    assert not root.findall(".//style")
    assert not [element for element in root.iter() if element.get("style")]
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href") or name == "src":
                assert not value.startswith(("http:", "https:", "//")), value


def bar_texts(markup):
    return [text.text for text in parse(markup).iter("text")]


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
def test_question_chart_is_an_image_with_title_and_description(results):
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

    legend = [" ".join(item.itertext()) for item in parse(chart.svg).iter("li")]
    assert len(legend) == 2
    assert "(n=6)" in legend[0] and "(n=5)" in legend[1]
    # Two answers, a bar for each group under each.
    assert len(bar_texts(chart.svg)) == 4


@pytest.mark.django_db
def test_answer_labels_are_page_text_that_wraps_not_svg_text(results):
    chart = question_chart(results.question("drinking_water"))

    root = parse(chart.svg)
    labels = [p.text for p in root.iter("p") if p.get("class") == "bar-chart__label"]
    assert labels == ["Krāna ūdeni", "Pirktu ūdeni", "Saldinātus dzērienus"]
    for svg in root.iter("svg"):
        assert svg.get("viewBox") is None  # never scaled, so text keeps its size


@pytest.mark.django_db
def test_figures_on_bars_are_white_and_every_bar_colour_has_aa_contrast(results):
    chart = question_chart(results.question("dripping_taps"))

    on_bar = [
        text
        for text in parse(chart.svg).iter("text")
        if "bar-chart__figure--on-bar" in text.get("class")
    ]
    assert on_bar  # 100 % of students saw one
    assert {text.get("fill") for text in on_bar} == {FIGURE_ON_BAR}
    for colour in COLOURS:
        assert contrast(colour, FIGURE_ON_BAR) >= 4.5


@pytest.mark.django_db
def test_free_text_questions_get_no_chart(results):
    assert question_chart(results.question("ideas")) is None


@pytest.mark.django_db
def test_two_charts_never_share_an_id(results):
    first = question_chart(results.question("dripping_taps"))
    second = question_chart(results.question("dripping_taps"))

    ids = re.findall(r'\bid="([^"]+)"', f"{first.svg}{second.svg}")
    assert len(ids) == len(set(ids)) == 6  # the chart, its title and description


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

    assert_accessible(chart.svg, "Ūdens patēriņš, m³")
    assert chart.description == "2024: 5210 m³, 2025: 4870 m³"
    assert bar_texts(chart.svg) == ["5210 m³", "4870 m³"]
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
        assert 'class="bar-chart"' in block and "<caption" in block
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
