"""A school editor walks the Wagtail admin in Latvian and meets no English."""

import datetime
import json
import re
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from wagtail.models import Locale, Page

from activities.models import ActionPlanIndexPage, ActionPlanPage, ActivityPage
from events.models import EventIndexPage, EventPage
from home.models import ContentPage
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)

# Words an English admin shows everywhere; none may reach a Latvian editor.
ENGLISH_WORDS = [
    "Snippets",
    "Help",
    "Collapse all",
    "Expand all",
    "More actions",
    "Request changes",
    "Save draft",
    "Publish",
    "Unpublish",
    "Submit to",
    "Search",
    "Dashboard",
    "Pages",
    "Images",
    "Documents",
    "Reports",
    "Settings",
    "Status",
    "Actions",
    "ago",
    "matches",
    "Live",
    "Draft",
    "Edit",
    "Delete",
    "Add",
    "Cancel",
    "Preview",
    "History",
    "Comments",
    "Sort by",
    "Title",
    "Updated",
    "Type",
    "Locale",
    "Translate",
    "Sync",
    "Content",
    "Promote",
    "Choose",
    "Upload",
    "Collection",
    "Workflow",
    "Account",
    "Log out",
    "Save",
    "Filter",
    "Toggle",
    "Owner",
    "Privacy",
    "minutes",
    "No results",
]
ENGLISH = re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH_WORDS)) + r")\b")


# wagtail-localize's translation editor writes this screen-reader label in English
# outside gettext (static_src/common/components/ActionMenu/index.tsx); it can go
# from here once wagtail-localize wraps it.
HARDCODED_SCREEN_READER_LABELS = ["More actions"]


def english_in(page, content_titles):
    """The English admin words in the page's text, each with its line.

    Cells of listings that hold the title of an English page are content, not the
    admin speaking English, and are left out.
    """
    text = page.evaluate(
        """(labels) => {
            for (const label of document.querySelectorAll(".w-sr-only")) {
                if (labels.includes(label.textContent.trim())) label.remove();
            }
            return document.body.innerText;
        }""",
        HARDCODED_SCREEN_READER_LABELS,
    )
    hits = set()
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) > 1:
            line = "\t".join(c for c in cells if c.strip() not in content_titles)
        for match in ENGLISH.finditer(line):
            hits.add(f"{match.group(1)!r} in {line.strip()[:100]!r}")
    return sorted(hits)


@pytest.fixture
def pages(network):
    school = network["lit"]
    plans = ActionPlanIndexPage.objects.child_of(school).get()
    plan = plans.add_child(
        instance=ActionPlanPage(title="Rīcības plāns", school_year="2025/2026")
    )
    activity = plan.add_child(
        instance=ActivityPage(title="Ūdens taupīšana", number="1")
    )
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    event = (
        EventIndexPage.objects.child_of(school)
        .get()
        .add_child(
            instance=EventPage(
                title="Radošā darbnīca",
                event_type="workshop_guests",
                audience="guests",
                start=start,
                end=start + datetime.timedelta(hours=2),
                location_name="LIT aktu zāle",
                location_address="Varšavas iela 24, Daugavpils",
                organiser_email="organiser@lit.example",
            )
        )
    )
    content = school.add_child(
        instance=ContentPage(title="Par ekoskolu", slug="par-ekoskolu")
    )
    for each in (plan, activity, event, content):
        each.save_revision()
    plans_en = plans.get_translation(Locale.objects.get(language_code="en"))
    return {
        "school": school,
        "plan": plan,
        "activity": activity,
        "event": event,
        "content": content,
        "plans_en": plans_en,
    }


def test_school_editor_meets_no_english_in_the_admin(
    page, live_server, pages, make_member, admin_login, screenshot
):
    editor = make_member("lit-redaktore", "lit editors")
    # The network's themes and days are snippets; this editor keeps them too.
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_ecotheme", "change_ecotheme", "change_environmentalday"]
        )
    )
    admin_login("lit-redaktore", "parole-123")
    admin = f"{live_server.url}/admin"
    found = {}
    unreached = []
    content_titles = set(
        Page.objects.filter(locale__language_code="en").values_list("title", flat=True)
    )

    def visit(name, url=None):
        if url:
            page.goto(url)
            if not unquote(page.url).startswith(url):
                unreached.append(f"{name}: {page.url}")
        page.wait_for_load_state("networkidle")
        hits = english_in(page, content_titles)
        if hits:
            found[name] = hits
        screenshot(f"admin-latvian-{name}")
        (ARTIFACTS / "admin-latvian-english.json").write_text(
            json.dumps(found, ensure_ascii=False, indent=2)
        )

    visit("dashboard", f"{admin}/")
    page.click("[aria-label='Galvenā izvēlne'] >> text=Lapas", timeout=5000)
    visit("sidebar-pages")
    visit("explorer", f"{admin}/pages/{pages['school'].pk}/")
    visit("explorer-plans", f"{admin}/pages/{pages['plan'].get_parent().pk}/")

    for kind in ("school", "plan", "activity", "event", "content"):
        page.goto(f"{admin}/pages/{pages[kind].pk}/edit/")
        tabs = page.locator("[role=tab]")
        for index in range(max(tabs.count(), 1)):
            if tabs.count():
                tabs.nth(index).click()
            visit(f"editor-{kind}-tab{index}")
        page.click("footer .w-dropdown-button .w-dropdown__toggle")
        page.locator("button[name='action-submit']").wait_for(state="visible")
        visit(f"editor-{kind}-actions")
        page.keyboard.press("Escape")
        # The preview and checks panels render the page beside the editor; their
        # requests would race the editor's on the test server's one SQLite file.
        for panel in ("status", "comments"):
            toggle = page.locator(f"[data-side-panel-toggle='{panel}']")
            if toggle.count():
                toggle.click()
                visit(f"editor-{kind}-{panel}")

    visit("search", f"{admin}/pages/search/?q=plāns")
    visit("history", f"{admin}/pages/{pages['plan'].pk}/history/")
    visit("snippets", f"{admin}/snippets/")
    visit("snippets-themes", f"{admin}/snippets/home/ecotheme/")
    visit("snippets-theme-add", f"{admin}/snippets/home/ecotheme/add/")
    visit("snippets-days", f"{admin}/snippets/events/environmentalday/")
    visit("images", f"{admin}/images/")
    visit("images-add", f"{admin}/images/multiple/add/")
    visit("documents", f"{admin}/documents/")
    visit("documents-add", f"{admin}/documents/multiple/add/")
    for report in ("site-history", "aging-pages", "workflow", "workflow_tasks"):
        visit(f"report-{report}", f"{admin}/reports/{report}/")
    visit("account", f"{admin}/account/")
    visit("translation-editor", f"{admin}/pages/{pages['plans_en'].pk}/edit/")
    visit("translate", f"{admin}/localize/submit/page/{pages['plan'].pk}/")

    (ARTIFACTS / "admin-latvian-english.json").write_text(
        json.dumps(found, ensure_ascii=False, indent=2)
    )
    assert found == {}
    assert unreached == []
