"""The demo builds the same network of pages as the snapshot taken before its content
moved out of code: every page of every site, in both languages, by type, title and slug.

After a deliberate change to the demo, rewrite the snapshot with
`DEMO_SNAPSHOT_WRITE=1 pytest tests/home/test_demo_snapshot.py` and review its diff.
"""

import json
import os
from pathlib import Path

import pytest
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db

SNAPSHOT = Path(__file__).with_name("demo_tree.json")


def page_tree():
    """Each site's pages as nested lists, children in tree order, per language."""
    tree = {}
    for site in Site.objects.order_by("hostname").select_related("root_page"):
        for root in site.root_page.get_translations(inclusive=True).order_by(
            "locale__language_code"
        ):
            tree[f"{site.hostname} {root.locale.language_code}"] = describe(root)
    return tree


def describe(page):
    children = Page.objects.child_of(page).order_by("path").specific()
    return {
        "type": page.specific_class._meta.label,
        "title": page.title,
        "slug": page.slug,
        "live": page.live,
        "children": [describe(child) for child in children],
    }


def test_the_demo_builds_the_page_tree_of_the_snapshot(demo_network_once, db):
    built = page_tree()
    if os.environ.get("DEMO_SNAPSHOT_WRITE"):
        SNAPSHOT.write_text(json.dumps(built, ensure_ascii=False, indent=1) + "\n")

    assert built == json.loads(SNAPSHOT.read_text())
