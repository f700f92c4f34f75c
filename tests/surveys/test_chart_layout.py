"""Survey charts stay readable in a real browser, from a 320 px phone to a desktop."""

from datetime import timedelta
from itertools import combinations

import pytest
from django.utils import timezone

from surveys.models import ReportIndexPage
from surveys.views import record_response
from tests.browser.conftest import ARTIFACTS
from tests.conftest import LIT
from tests.factories import SchoolFactory, SurveyPageFactory, section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_OPTIONS = [
    "Krāna ūdeni no pudeles, ko katru rītu piepildu mājās vai tehnikuma ēdnīcā",
    "Pirktu minerālūdeni plastmasas pudelēs no veikala pie autobusa pieturas",
    "Saldinātus dzērienus, enerģijas dzērienus vai sulas no automāta pie sporta zāles",
]
WIDTHS = [320, 375, 1280]

# Every element of a chart that holds text, with its rendered size and box.
MEASURE = """
() => Array.from(document.querySelectorAll('.bar-chart')).map((chart) => {
  const box = (r) => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  const texts = [];
  for (const el of chart.querySelectorAll('*')) {
    const own = Array.from(el.childNodes).some(
      (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || el.closest('.visually-hidden')) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    let rect;
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
      rect = el.getBoundingClientRect();
    } else {
      const range = document.createRange();
      range.selectNodeContents(el);
      rect = range.getBoundingClientRect();
    }
    texts.push({text: el.textContent.trim(), size, box: box(rect)});
  }
  const figures = Array.from(chart.querySelectorAll('text')).map((el) => {
    const bar = el.parentNode.querySelector('rect');
    return {
      text: el.textContent,
      onBar: el.classList.contains('bar-chart__figure--on-bar'),
      colour: getComputedStyle(el).fill,
      barColour: getComputedStyle(bar).fill,
      box: box(el.getBoundingClientRect()),
      bar: box(bar.getBoundingClientRect()),
      svg: box(el.ownerSVGElement.getBoundingClientRect()),
    };
  });
  const legend = chart.querySelector('.bar-chart__legend');
  return {
    texts,
    figures,
    legend: legend && box(legend.getBoundingClientRect()),
    legendItems: Array.from(chart.querySelectorAll('.bar-chart__legend-item'))
      .map((li) => box(li.getBoundingClientRect())),
    chart: box(chart.getBoundingClientRect()),
    viewport: {width: innerWidth},
  };
})
"""


def rgb(css):
    return [int(part) for part in css.removeprefix("rgb(").rstrip(")").split(",")]


def contrast(first, second):
    def luminance(channels):
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in (value / 255 for value in channels)
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted([luminance(rgb(first)), luminance(rgb(second))])[::-1]
    return (lighter + 0.05) / (darker + 0.05)


def overlap(a, b, tolerance=0.5):
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return width > tolerance and height > tolerance


def inside(inner, outer, tolerance=0.5):
    return (
        inner["left"] >= outer["left"] - tolerance
        and inner["right"] <= outer["right"] + tolerance
        and inner["top"] >= outer["top"] - tolerance
        and inner["bottom"] <= outer["bottom"] + tolerance
    )


def make_survey(reports, school_year, slug):
    survey = SurveyPageFactory(
        parent=reports,
        title=f"Dzeramā ūdens aptauja {school_year}",
        slug=slug,
        school_year=school_year,
        opens_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() + timedelta(days=10),
        results_published=True,
        questions=[
            (
                "drinking_water",
                "single_choice",
                "Ko jūs parasti dzerat mācību dienas laikā tehnikumā?",
                "\n".join(LONG_OPTIONS),
            ),
            (
                "tap_water_trust",
                "scale",
                "Cik ļoti jūs uzticaties krāna ūdenim tehnikumā?",
                "",
            ),
        ],
    )
    answers = {
        "students": ["1"] * 9 + ["2"] * 2 + ["3"],
        "teachers": ["1"] * 3 + ["2"] * 3,
        "administration": ["1", "3", "3", "3", "3"],
    }
    for audience, choices in answers.items():
        for number, choice in enumerate(choices):
            form = survey.get_form(
                {
                    "audience": audience,
                    "drinking_water": choice,
                    "tap_water_trust": str(number % 5 + 1),
                },
                page=survey,
            )
            assert form.is_valid(), form.errors
            record_response(survey, form, audience)
    return survey


@pytest.fixture
def results_path(hub):
    # Under the hub's address, which the live server answers on.
    school = SchoolFactory(**LIT, hostname=None)
    reports = section(school, ReportIndexPage)
    make_survey(reports, "2024/2025", "udens-2024")
    survey = make_survey(reports, "2025/2026", "udens-2025")
    return survey.get_url_parts()[2] + "results/"


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_text_is_readable_unclipped_and_contrasted_at_every_width(
    page, live_server, results_path, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + results_path)

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"survey-charts-{width}.png"), full_page=True)
    charts = page.evaluate(MEASURE)

    assert len(charts) == 2
    labels = [text["text"] for text in charts[0]["texts"]]
    assert LONG_OPTIONS[2] in labels
    for chart in charts:
        viewport = {"left": 0, "right": width, "top": -1e9, "bottom": 1e9}
        assert inside(chart["chart"], viewport), chart["chart"]
        texts = chart["texts"]
        for text in texts:
            assert text["size"] >= 12, text
            assert inside(text["box"], viewport), text
        for first, second in combinations(texts, 2):
            assert not overlap(first["box"], second["box"]), (first, second)
        # Three groups and last year's total, so a legend of four.
        assert chart["legend"] and inside(chart["legend"], viewport)
        assert len(chart["legendItems"]) == 4
        for item in chart["legendItems"]:
            assert inside(item, viewport), item
        on_bar = [figure for figure in chart["figures"] if figure["onBar"]]
        assert on_bar, "no figure is written on its bar"
        for figure in chart["figures"]:
            assert inside(figure["box"], figure["svg"]), figure
            if figure["onBar"]:
                assert inside(figure["box"], figure["bar"]), figure
                assert contrast(figure["colour"], figure["barColour"]) >= 4.5, figure
            else:
                assert not overlap(figure["box"], figure["bar"]), figure
                assert contrast(figure["colour"], "rgb(255, 255, 255)") >= 4.5, figure
