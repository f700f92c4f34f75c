import csv
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from activities.importer import import_plan, parse_rows, read_table
from activities.months import SCHOOL_MONTHS

SEED_CSV = (
    Path(__file__).resolve().parents[2]
    / "activities"
    / "demo_data"
    / "action-plan-2025-2026.csv"
)


def seed_rows():
    with SEED_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture(autouse=True)
def english_messages():
    """Tests read messages in English; Latvian is the default and is translated."""
    with translation.override("en"):
        yield


def render_grid(plan, language="en"):
    """The month grid of `plan` as the plan page renders it, in `language`."""
    with translation.override(language):
        return render_to_string(
            "activities/includes/month_grid.html",
            {"page": plan, "grid": plan.grid(), "months": SCHOOL_MONTHS},
        )


def import_csv_text(school, text, year="2025/2026", **kwargs):
    rows = parse_rows(read_table(text.encode("utf-8"), "plan.csv"))
    return import_plan(school, year, rows, **kwargs)


@pytest.fixture
def seed_plan(school):
    rows = parse_rows(read_table(SEED_CSV.read_bytes(), SEED_CSV.name))
    return import_plan(school, "2025/2026", rows).plan
