import csv
from pathlib import Path

import pytest

from activities.importer import import_plan, parse_rows, read_table
from home.demo import load_hub
from home.schools import create_school

SEED_CSV = (
    Path(__file__).resolve().parents[2]
    / "activities"
    / "demo_data"
    / "action-plan-2025-2026.csv"
)


def seed_rows():
    with SEED_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture
def hub(db, django_capture_on_commit_callbacks):
    # wagtail-localize publishes translations once the transaction commits; the
    # hub's callbacks must run before schools are added under its translation.
    with django_capture_on_commit_callbacks(execute=True):
        return load_hub()


@pytest.fixture
def school(hub, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return create_school(
            name="Latgales Industriālais tehnikums", slug="lit", city="Daugavpils"
        )


@pytest.fixture
def other_school(school, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return create_school(
            name="Liepājas Valsts tehnikums", slug="lvt", city="Liepāja"
        )


def import_csv_text(school, text, year="2025/2026", **kwargs):
    rows = parse_rows(read_table(text.encode("utf-8"), "plan.csv"))
    return import_plan(school, year, rows, **kwargs)


@pytest.fixture
def seed_plan(school):
    rows = parse_rows(read_table(SEED_CSV.read_bytes(), SEED_CSV.name))
    return import_plan(school, "2025/2026", rows).plan
