"""Bar charts of survey results and report tables, readable at any width.

Each answer's label is HTML text above its bars, so it wraps like the page and
keeps the page's font size; each bar is a small SVG drawn in percentages of its
width and never scaled, so the figure on it keeps its size too (an SVG with a
viewBox shrinks its text with the chart, to about 6 px on a phone). A figure is
written in white on its bar when the bar is wide enough for it even on a 320 px
screen, otherwise in the text colour beside the bar; every bar colour has at
least 4.5:1 contrast with white, and with the white page.

The chart is an image for assistive technology (`role="img"`) named by its title
and described by a sentence that gives the numbers; the table beside it holds
the same figures. Ids are numbered per process, so two charts on one page never
share one. Nothing is inline style or script: the layout is in
static/css/charts.css, under the strict Content-Security-Policy.
"""

import itertools
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

# Bar colours, in series order: each has at least 4.5:1 contrast with white.
COLOURS = ("#1f6f43", "#0b5f8a", "#8a4b0b", "#6b3fa0", "#5b6664")
FIGURE_ON_BAR = "#ffffff"
FIGURE_BESIDE_BAR = "#1c2b2a"
# The narrowest bar a chart gets: a 320 px screen less the page's margins.
NARROWEST_BAR = 260
# Generous width of one character of a 14 px figure, in px.
FIGURE_CHAR_WIDTH = 8.5
FIGURE_PADDING = 6

_ids = itertools.count(1)


def unique_id(prefix):
    """An id no other element of the page has, e.g. for a section heading."""
    return f"{prefix}-{next(_ids)}"


@dataclass
class Chart:
    svg: str
    title: str
    description: str
    id: str


def _figure_fits_on_bar(fraction, text):
    width = len(text) * FIGURE_CHAR_WIDTH + 2 * FIGURE_PADDING
    return fraction * NARROWEST_BAR >= width


def _figure_text(value, unit):
    if float(value).is_integer():
        value = int(value)
    return f"{number_format(value)} {unit}".strip()


def _bar(fraction, colour, text):
    percent = f"{100 * fraction:.2f}%"
    on_bar = _figure_fits_on_bar(fraction, text)
    return format_html(
        '<svg class="bar-chart__bar" width="100%" height="24" aria-hidden="true" '
        'focusable="false"><rect x="0" y="1" width="{}" height="22" fill="{}"/>'
        '<text class="bar-chart__figure bar-chart__figure--{}" x="{}" dx="{}" '
        'y="12" dominant-baseline="central" text-anchor="{}" fill="{}" '
        'font-size="14">{}</text></svg>',
        percent,
        colour,
        "on-bar" if on_bar else "beside-bar",
        percent,
        -FIGURE_PADDING if on_bar else FIGURE_PADDING,
        "end" if on_bar else "start",
        FIGURE_ON_BAR if on_bar else FIGURE_BESIDE_BAR,
        text,
    )


def _swatch(colour):
    return format_html(
        '<svg class="bar-chart__swatch" width="14" height="14" aria-hidden="true" '
        'focusable="false"><rect width="14" height="14" fill="{}"/></svg>',
        colour,
    )


def _bar_chart(labels, series, *, title, description, unit="%", maximum=None):
    """Bars grouped by label, one per series, in the order of the table beside."""
    chart_id = unique_id("chart")
    colours = list(itertools.islice(itertools.cycle(COLOURS), len(series)))
    if maximum is None:
        maximum = max((v for _name, values in series for v in values), default=0)
    legend = ""
    if len(series) > 1:
        legend = format_html(
            '<ul class="bar-chart__legend">{}</ul>',
            format_html_join(
                "",
                '<li class="bar-chart__legend-item">{}<span>{}</span></li>',
                (
                    (_swatch(colour), name)
                    for colour, (name, _values) in zip(colours, series, strict=True)
                ),
            ),
        )
    answers = []
    for index, label in enumerate(labels):
        bars = []
        for colour, (_name, values) in zip(colours, series, strict=True):
            value = values[index]
            fraction = max(0, min(1, value / maximum)) if maximum > 0 else 0
            bars.append(_bar(fraction, colour, _figure_text(value, unit)))
        answers.append(
            format_html(
                '<div class="bar-chart__answer"><p class="bar-chart__label">{}</p>'
                "{}</div>",
                label,
                format_html_join("", "{}", ((bar,) for bar in bars)),
            )
        )
    if not series:
        answers = [
            format_html('<p class="bar-chart__empty">{}</p>', _("No answers yet"))
        ]
    markup = format_html(
        '<div class="bar-chart" id="{id}" role="img" '
        'aria-labelledby="{id}-title {id}-desc">'
        '<span class="visually-hidden" id="{id}-title">{title}</span>'
        '<span class="visually-hidden" id="{id}-desc">{description}</span>'
        "{legend}{answers}</div>",
        id=chart_id,
        title=title,
        description=description,
        legend=legend,
        answers=format_html_join("", "{}", ((answer,) for answer in answers)),
    )
    return Chart(markup, title, description, chart_id)


def question_chart(result):
    """Percentages per option and column shown, with last year's total if any.

    Only the columns the results show are drawn: a group hidden for too few
    answers gets no bar and no legend entry.
    """
    if not result.is_choice:
        return None
    columns = [(group, n) for group, n in result.columns if n]
    series = [
        (
            f"{group.label} (n={n})",
            [row.cells[group.key].percent or 0 for row in result.rows],
        )
        for group, n in columns
    ]
    if result.has_previous:
        series.append(
            (
                _("All, %(year)s (n=%(n)s)")
                % {"year": result.previous_year, "n": result.previous_answered},
                [
                    (row.previous.percent or 0) if row.previous else 0
                    for row in result.rows
                ],
            )
        )
    groups = ", ".join(f"{group.label} {n}" for group, n in columns)
    description = _(
        "Share of respondents in each group who chose each answer, in percent. "
        "Respondents: %(groups)s."
    ) % {"groups": groups or _("none")}
    if result.has_previous:
        description += " " + _(
            "The last bar of each answer is the %(year)s survey."
        ) % {"year": result.previous_year}
    if result.is_scale and result.total_average is not None:
        description += " " + _("Average: %(average)s of 5.") % {
            "average": result.total_average
        }
    return _bar_chart(
        [row.label for row in result.rows],
        series,
        title=str(result.label),
        description=description,
        maximum=100,
    )


def table_chart(value):
    """A chart from a table block: labels and numbers typed in by an editor."""
    rows = value["rows"]
    unit = value.get("unit") or ""
    title = value["title"]
    description = value.get("description") or ", ".join(
        f"{row['label']}: {row['value']:g} {unit}".strip() for row in rows
    )
    return _bar_chart(
        [row["label"] for row in rows],
        [(title, [float(row["value"]) for row in rows])],
        title=title,
        description=description,
        unit=unit,
    )
