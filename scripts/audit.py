"""Lighthouse scores of the portal's main page types, written to var/audit/.

Run by `make audit`: migrates and loads the demo if needed, serves the portal on a
free local port, audits one page of each main type with Debian's Chromium, and
writes report.json and report.md with the four category scores per page.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = PROJECT / "node_modules/.bin/lighthouse"
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/lib/chromium/chromium")
OUT = PROJECT / "var/audit"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
HEADINGS = ["Performance", "Accessibility", "Best practices", "SEO"]
# The page types a visitor meets most, in the order the report lists them.
PAGE_TYPES = [
    ("home.HomePage", "Home"),
    ("events.EventIndexPage", "Events index"),
    ("events.EventPage", "Event"),
    ("activities.ActionPlanPage", "Action plan"),
    ("stories.GoodPracticeStoryPage", "Good-practice story"),
]
FIND_PAGES = """
import json
from django.apps import apps
from wagtail.models import Locale, Page, Site
site = Site.objects.get(is_default_site=True)
found = {}
for label in %r:
    try:
        model = apps.get_model(label)
    except LookupError:
        continue
    pages = model.objects.live().filter(locale=Locale.get_default())
    page = pages.order_by("path").first()
    if page is not None:
        found[label] = page.relative_url(site)
print(json.dumps(found))
"""


def manage(*args, capture=False):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        check=True,
        text=True,
        capture_output=capture,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - local URL
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The portal did not answer at {url}")


def audit(url, name, attempts=2):
    """Scores of one page; Lighthouse sometimes loses the trace of its very first
    page load in a fresh Chromium (NO_NAVSTART), so a failed run is tried again."""
    report = OUT / f"{name}.json"
    for attempt in range(1, attempts + 1):
        result = run_lighthouse(url, report)
        if result.returncode == 0:
            break
        if attempt == attempts:
            raise SystemExit(f"Lighthouse failed on {url}: see {report}")
    result = json.loads(report.read_text())
    return {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}


def run_lighthouse(url, report):
    return subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
            "--disable-background-networking --disable-component-update "
            "--disable-sync --no-first-run",
        ],
        check=False,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )


def main():
    for tool, hint in (
        (LIGHTHOUSE, "run `make install-dev`"),
        (Path(CHROMIUM), "run `make system-deps`"),
    ):
        if not tool.exists():
            raise SystemExit(f"{tool} is missing: run `{hint}`")
    OUT.mkdir(parents=True, exist_ok=True)
    manage("migrate", "--noinput")
    manage("load_demo")
    labels = [label for label, _ in PAGE_TYPES]
    found = json.loads(
        manage("shell", "-c", FIND_PAGES % labels, capture=True)
        .stdout.strip()
        .splitlines()[-1]
    )

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz")
        for label, title in PAGE_TYPES:
            if label not in found:
                rows.append({"page": title, "url": None, "scores": None})
                continue
            path = found[label]
            url = path if path.startswith("http") else f"http://localhost:{port}{path}"
            url = url.replace(":8000/", f":{port}/")
            scores = audit(url, label.replace(".", "-"))
            rows.append({"page": title, "url": url, "scores": scores})
    finally:
        server.terminate()
        server.wait(timeout=20)

    (OUT / "report.json").write_text(json.dumps(rows, indent=2))
    lines = [
        "| Page | " + " | ".join(HEADINGS) + " |",
        "| --- |" + " ---: |" * len(CATEGORIES),
    ]
    for row in rows:
        if row["scores"] is None:
            lines.append(f"| {row['page']} |" + " no page |" * len(CATEGORIES))
        else:
            lines.append(
                f"| {row['page']} | "
                + " | ".join(str(row["scores"][c]) for c in CATEGORIES)
                + " |"
            )
    (OUT / "report.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"\nReports: {OUT / 'report.md'} and one Lighthouse JSON per page.")


if __name__ == "__main__":
    main()
