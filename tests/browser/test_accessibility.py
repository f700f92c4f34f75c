"""Every page type passes axe-core's WCAG 2.0/2.1 A and AA rules in both languages,
on a phone and on a desktop screen, without breaking the content security policy."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.browser.conftest import ARTIFACTS
from tests.conftest import ensure_tree_roots
from tests.pages import one_page_per_type

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
}
VIEWPORTS = {
    "mobile": {"width": 375, "height": 740},
    "desktop": {"width": 1280, "height": 900},
}


@pytest.fixture
def demo_network(django_capture_on_commit_callbacks):
    ensure_tree_roots()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    return one_page_per_type()


def test_every_page_type_passes_axe_in_both_languages_on_phone_and_desktop(
    page, live_server, demo_network
):
    # One test for both widths: the demo network is loaded once.
    console_errors, failed_requests = [], []
    page.on(
        "console",
        lambda message: message.type == "error" and console_errors.append(message.text),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and failed_requests.append(f"{response.status} {response.url}")
        ),
    )
    port = live_server.url.rsplit(":", 1)[1]
    axe = Axe()
    problems = []

    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        shots = ARTIFACTS / "axe" / viewport
        shots.mkdir(parents=True, exist_ok=True)
        for label, language, host, path in demo_network:
            page.goto(f"http://{host or 'localhost'}:{port}{path}")
            shot = shots / f"{label}-{language}.png"
            page.screenshot(path=str(shot), full_page=True)
            results = axe.run(page, options=WCAG_AA)
            if results.violations_count:
                report = results.generate_report()
                problems.append(f"{viewport} {label} [{language}] {path}\n{report}")

    assert len(demo_network) >= 8
    assert problems == [], "\n\n".join(problems)
    assert failed_requests == []
    assert console_errors == []
