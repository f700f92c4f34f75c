"""`make bench` end to end at a tiny size: every row measured, the seats counted."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import IN_CI, REDIS_TEST_URL, require_service

# One worker at a time: the run flushes its Redis database.
pytestmark = [
    pytest.mark.integration,
    pytest.mark.postgres_only,
    pytest.mark.xdist_group("services"),
]

PROJECT = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get(
    "POSTGRES_TEST_URL", "postgres://postgres@127.0.0.1:5432/postgres"
).rsplit("/", 1)[0]
# A database of its own: the run empties it.
BENCH_REDIS = REDIS_TEST_URL.rsplit("/", 1)[0] + "/11"


@pytest.fixture
def bench_report(tmp_path_factory):
    if shutil.which("wrk") is None:
        message = "wrk is missing (make system-deps installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    require_service("Redis", BENCH_REDIS, 6379)
    out = tmp_path_factory.mktemp("bench")
    # A database of this run's own, dropped after it.
    database = f"{POSTGRES}/portal_bench_{uuid.uuid4().hex[:12]}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [
            sys.executable,
            "scripts/bench.py",
            "--scale=0.005",
            "--duration=2",
            "--warmup=0",
            "--connections=2",
            "--registration-connections=8",
            "--workers=2",
            f"--database={database}",
            f"--redis={BENCH_REDIS}",
            f"--out={out}",
            "--no-publish",
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        yield json.loads((out / "scale-0.005.json").read_text()), out
    finally:
        drop_database(database)


def drop_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_bench_measures_every_page_and_never_overbooks(bench_report):
    """One test for one run: the run is too long to repeat per assertion."""
    report, out = bench_report
    names = [target["name"] for target in report["targets"]]
    assert {"home", "calendar", "event", "library", "search", "api", "ical"} <= set(
        names
    )
    assert "static" in names

    # Every row loaded, without errors, in both modes.
    for mode in ("uncached", "cached"):
        for name in names:
            row = report[mode][name]
            assert row["requests"] > 0, (mode, name)
            assert row["errors"] == row["bad_status"] == 0, (mode, name)
            assert 0 < row["p50_ms"] <= row["p95_ms"]

    # SQL queries counted per page.
    assert report["queries"]["static"] == 0
    assert all(report["queries"][name] > 0 for name in ("home", "event", "api"))

    # The registration load stored what it was answered, within the seats.
    registration = report["registration"]
    assert registration["stored"] > 0
    assert registration["errors"] == registration["bad_status"] == 0
    assert registration["confirmed_seats"] <= registration["capacity"]
    assert registration["overbooked"] is False
    assert (
        registration["confirmed_seats"] + registration["waitlisted"]
        == registration["stored"]
    )

    # The markdown table has a row per page with its query count.
    table = (out / "scale-0.005.md").read_text()
    for target in report["targets"]:
        assert f"| {target['label']} | {report['queries'][target['name']]} |" in table
    assert "overbooked: no" in table
