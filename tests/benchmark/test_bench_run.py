"""`make bench` end to end at a tiny size: every row measured, the seats counted."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import IN_CI, REDIS_TEST_URL, require_service

pytestmark = [pytest.mark.integration, pytest.mark.postgres_only]

PROJECT = Path(__file__).resolve().parents[2]
BENCH_DATABASE = "postgres://postgres@127.0.0.1:5432/portal_bench_smoke"
# A database of its own: the run empties it.
BENCH_REDIS = REDIS_TEST_URL.rsplit("/", 1)[0] + "/11"


@pytest.fixture(scope="module")
def bench_report(tmp_path_factory):
    if shutil.which("wrk") is None:
        message = "wrk is missing (make system-deps installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    require_service("Redis", BENCH_REDIS, 6379)
    out = tmp_path_factory.mktemp("bench")
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
            f"--database={BENCH_DATABASE}",
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
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads((out / "scale-0.005.json").read_text()), out


def test_every_target_is_loaded_without_errors(bench_report):
    report, _ = bench_report
    names = [target["name"] for target in report["targets"]]
    assert {"home", "calendar", "event", "library", "search", "api", "ical"} <= set(
        names
    )
    assert "static" in names
    for mode in ("uncached", "cached"):
        for name in names:
            row = report[mode][name]
            assert row["requests"] > 0, (mode, name)
            assert row["errors"] == row["bad_status"] == 0, (mode, name)
            assert 0 < row["p50_ms"] <= row["p95_ms"]


def test_query_counts_are_recorded_per_page(bench_report):
    report, _ = bench_report
    assert report["queries"]["static"] == 0
    assert all(report["queries"][name] > 0 for name in ("home", "event", "api"))


def test_concurrent_registrations_never_overbook(bench_report):
    report, _ = bench_report
    registration = report["registration"]
    assert registration["stored"] > 0
    assert registration["errors"] == registration["bad_status"] == 0
    assert registration["confirmed_seats"] <= registration["capacity"]
    assert registration["overbooked"] is False
    assert (
        registration["confirmed_seats"] + registration["waitlisted"]
        == (registration["stored"])
    )


def test_markdown_table_lists_every_page(bench_report):
    report, out = bench_report
    table = (out / "scale-0.005.md").read_text()
    for target in report["targets"]:
        assert f"| {target['label']} | {report['queries'][target['name']]} |" in table
    assert "overbooked: no" in table
