"""Reading the month grid back from a page's HTML, as a screen reader meets it."""

from html.parser import HTMLParser

MONTHS = ["IX", "X", "XI", "XII", "I", "II", "III", "IV", "V", "VI"]


class GridParser(HTMLParser):
    """Rows of the first table.plan-grid: [[cell text, ...], ...] with classes."""

    def __init__(self):
        super().__init__()
        self.in_table = False
        self.done = False
        self.caption = ""
        self.in_caption = False
        self.header = []
        self.rows = []
        self.cell = None
        self.row = None
        self.hidden_depth = 0
        self.depth_stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "table" and "plan-grid" in (attrs.get("class") or ""):
            self.in_table = True
        if not self.in_table:
            return
        if tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self.row = {"class": attrs.get("class", ""), "cells": []}
        elif tag in ("td", "th"):
            self.cell = {
                "tag": tag,
                "scope": attrs.get("scope"),
                "class": attrs.get("class", ""),
                "visible": "",
                "hidden": "",
            }
        elif tag == "span" and self.cell is not None:
            kind = (
                "hidden"
                if "visually-hidden" in (attrs.get("class") or "")
                else ("aria" if attrs.get("aria-hidden") == "true" else "plain")
            )
            self.depth_stack.append(kind)

    def handle_endtag(self, tag):
        if not self.in_table or self.done:
            return
        if tag == "caption":
            self.in_caption = False
        elif tag == "span" and self.depth_stack:
            self.depth_stack.pop()
        elif tag in ("td", "th") and self.cell is not None:
            self.row["cells"].append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if all(cell["tag"] == "th" for cell in self.row["cells"]):
                self.header = self.row["cells"]
            else:
                self.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self.done = True

    def handle_data(self, data):
        if self.in_caption:
            self.caption += data
        if self.cell is None:
            return
        if "hidden" in self.depth_stack:
            self.cell["hidden"] += data
        else:
            self.cell["visible"] += data


def parse_grid(html):
    parser = GridParser()
    parser.feed(html)
    return parser


def grid_as_csv_rows(html):
    """The grid as the import format: [nr, activity, 'x' or '' per month].

    A planned cell must show a mark and say what it means to screen readers, in
    whatever language the page is in; an empty cell must be empty.
    """
    rows = []
    for row in parse_grid(html).rows:
        nr, title, *cells = row["cells"]
        marks = []
        for cell in cells:
            planned = "is-planned" in cell["class"]
            assert bool(cell["visible"].strip()) == bool(cell["hidden"].strip())
            if planned:
                assert cell["visible"].strip() and cell["hidden"].strip()
            marks.append("x" if planned else "")
        rows.append([nr["visible"].strip(), title["visible"].strip(), *marks])
    return rows
