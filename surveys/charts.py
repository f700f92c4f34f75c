"""Server-side SVG charts with pygal, made accessible.

pygal draws the bars; we add what assistive technology needs: the SVG is an image
(`role="img"`) named by a `<title>` and described by a `<desc>` as its first
children. pygal's JavaScript is switched off and its inline configuration script
removed, so the SVG runs no script; its styles stay inside the SVG. Every chart
is shown beside a table holding the same numbers.
"""

import itertools
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pygal
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style


def _drop_pygal_import_hook():
    """Remove the import hook pygal adds to sys.meta_path for its map plugins.

    The hook has only the old find_module API, so every later import raises an
    ImportWarning (an error in the test run). The portal uses no pygal maps.
    This can go when pygal's hook implements find_spec.
    """
    sys.meta_path[:] = [
        finder
        for finder in sys.meta_path
        if type(finder).__name__ != "PluginImportFixer"
    ]


_drop_pygal_import_hook()

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

# The portal's palette: each colour has at least 3:1 contrast on white.
PORTAL_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1c2b2a",
    foreground_strong="#1c2b2a",
    foreground_subtle="#c9d6cf",
    opacity="1",
    opacity_hover=".85",
    colors=("#1f6f43", "#0b5f8a", "#8a4b0b", "#6b3fa0", "#6e7a78"),
    font_family="system-ui, sans-serif",
    title_font_size=16,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    value_font_size=12,
)

_ids = itertools.count(1)


@dataclass
class Chart:
    svg: str
    title: str
    description: str


def _strip_inline_code(root):
    """Drop pygal's inline script, style and JS-only tooltips.

    pygal writes its configuration as an inline script even without its JS files,
    and its styles as an inline <style>; a strict Content-Security-Policy refuses
    both. The styles live in static/css/charts.css instead (see chart_css).
    """
    unwanted = {f"{{{SVG_NS}}}script", f"{{{SVG_NS}}}style"}
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in unwanted or "tooltip" in child.get("class", "").split():
                parent.remove(child)


def chart_css():
    """pygal's styles for the portal's charts, for static/css/charts.css.

    Regenerate the file after changing PORTAL_STYLE:
    python manage.py shell --no-imports -c "from surveys.charts import chart_css;
    print(chart_css(), end='')" > static/css/charts.css
    """
    chart = pygal.HorizontalBar(style=PORTAL_STYLE, js=[], print_values=True)
    for number in range(len(PORTAL_STYLE.colors)):
        chart.add(str(number), [number])
    svg = chart.render(is_unicode=True)
    root = ET.fromstring(svg)  # noqa: S314 - pygal's own output
    chart_id = root.get("id")
    css = "".join(element.text or "" for element in root.iter(f"{{{SVG_NS}}}style"))
    css = css.replace(f"#{chart_id}", ".pygal-chart")
    header = "/* Generated from surveys.charts.PORTAL_STYLE by chart_css(). */\n"
    return header + css.replace("}", "}\n")


def accessible_svg(svg, title, description):
    """Give pygal's SVG a role, a first-child <title> and <desc>, and unique ids."""
    root = ET.fromstring(svg)  # noqa: S314 - pygal's own output, labels escaped
    number = next(_ids)
    title_id, desc_id = f"chart-title-{number}", f"chart-desc-{number}"
    for tag in ("desc", "title"):
        element = ET.Element(f"{{{SVG_NS}}}{tag}")
        element.set("id", desc_id if tag == "desc" else title_id)
        element.text = description if tag == "desc" else title
        root.insert(0, element)
    _strip_inline_code(root)
    root.set("role", "img")
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    root.set("focusable", "false")
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, None)
    return mark_safe(ET.tostring(root, encoding="unicode"))  # noqa: S308


def _bar_chart(labels, series, *, title, description, unit="%"):
    # pygal draws horizontal bars bottom-up; reversed, they read top-down like
    # the table beside them.
    labels = list(reversed(labels))
    series = [(name, list(reversed(values))) for name, values in series]
    height = 110 + 34 * max(1, len(labels)) * max(1, len(series))
    chart = pygal.HorizontalBar(
        style=PORTAL_STYLE,
        js=[],
        disable_xml_declaration=True,
        width=720,
        height=min(height, 900),
        title=title,
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        print_values=True,
        value_formatter=lambda value: f"{number_format(value)} {unit}".strip(),
        truncate_label=-1,
        truncate_legend=-1,
        x_labels=labels,
        range=(0, 100) if unit == "%" else None,
        include_x_axis=True,
        no_data_text=_("No answers yet"),
    )
    for name, values in series:
        chart.add(name, values)
    svg = chart.render(is_unicode=True)
    return Chart(accessible_svg(svg, title, description), title, description)


def question_chart(result):
    """Percentages per option and group, with last year's total if there is one."""
    if not result.is_choice:
        return None
    series = [
        (
            f"{group.label} (n={result.answered[group.audience]})",
            [row.cells[group.audience].percent or 0 for row in result.rows],
        )
        for group in result.visible_groups
        if result.answered.get(group.audience)
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
    groups = ", ".join(
        f"{group.label} {result.answered[group.audience]}"
        for group in result.visible_groups
        if result.answered.get(group.audience)
    )
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
