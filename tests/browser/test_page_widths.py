"""No page of any site scrolls sideways, on the narrowest phones or on a desktop.

A page wider than the window makes a phone's visitor scroll left and right to read
every line; content that is wider (a table, a long address) must wrap or scroll in
its own box.
"""

import io

import pytest
from django.core.management import call_command

from tests.conftest import ensure_tree_roots
from tests.crawl import Frontier, Url, count_by_site_and_language, start_urls

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (320, 375, 1280)
HEIGHT = 800
# Where the page is wider than the window, the elements that reach past its right
# edge and that no scroll box around them holds in, outermost first, for the report.
MEASURE = """() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    // Only ancestors that form the element's containing block can hold it in: an
    // absolutely positioned one escapes every box up to a positioned ancestor.
    const heldIn = element => {
        let position = getComputedStyle(element).position;
        for (let box = element.parentElement; box; box = box.parentElement) {
            if (position === "fixed") return false;
            const style = getComputedStyle(box);
            if (position === "absolute" && style.position === "static") continue;
            if (style.overflowX !== "visible" && box !== document.body
                && box !== document.documentElement) return true;
            position = style.position;
        }
        return false;
    };
    const wide = [];
    for (const element of document.body.querySelectorAll("*")) {
        if (element.getBoundingClientRect().right <= width + 0.5) continue;
        if (wide.some(outer => outer.contains(element)) || heldIn(element)) continue;
        wide.push(element);
    }
    const name = element => element.tagName.toLowerCase()
        + (element.id ? "#" + element.id : "")
        + [...element.classList].map(c => "." + c).join("");
    const right = element => Math.round(element.getBoundingClientRect().right);
    return {
        scrollWidth: scrollWidth,
        elements: wide.slice(0, 5).map(e => `${name(e)} (right ${right(e)})`),
    };
}"""
ALTERNATES = """() => [...document.querySelectorAll("link[rel=alternate][hreflang]")]
    .map(link => link.href)"""


@pytest.fixture
def demo_network(django_capture_on_commit_callbacks):
    ensure_tree_roots()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


def overflows(page, port, frontier, widths):
    """[(width, url, scroll width, wide elements)] over every page of the frontier.

    Each page is loaded once at the first width and resized to the others: media
    queries apply on resize, and one load per page keeps the run short.
    """
    found, failures, visited = [], [], []
    for url in frontier:
        page.set_viewport_size({"width": widths[0], "height": HEIGHT})
        response = page.goto(url.on_port(port), wait_until="load")
        if response is None or response.status != 200:
            failures.append(f"{url}: HTTP {response and response.status}")
            continue
        visited.append(url)
        frontier.add(Url.parse(address) for address in page.evaluate(ALTERNATES))
        for width in widths:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            wide = page.evaluate(MEASURE)
            if wide:
                found.append((width, str(url), wide["scrollWidth"], wide["elements"]))
    return found, failures, visited


def report(found):
    return "\n".join(
        f"{width} px: {url} is {scroll_width} px wide: {', '.join(elements)}"
        for width, url, scroll_width, elements in found
    )


def test_no_page_of_any_site_is_wider_than_a_phone_or_a_desktop_window(
    page, live_server, client, demo_network
):
    port = live_server.url.rsplit(":", 1)[1]
    frontier = Frontier(start_urls(client))

    found, failures, visited = overflows(page, port, frontier, WIDTHS)

    assert failures == []
    counts = count_by_site_and_language(visited)
    print("pages visited per site and language:", counts)
    assert {language for _host, language in counts} == {"lv", "en"}
    assert found == [], report(found)


def test_the_check_names_a_page_wider_than_the_window(page, live_server):
    ensure_tree_roots()
    port = live_server.url.rsplit(":", 1)[1]
    # Any address of the live server shows a page: a 404 page, made too wide.
    page.route(
        "**/too-wide/",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body='<!DOCTYPE html><html lang="lv"><title>t</title>'
            '<body><p class="long" style="width: 500px">x</p></body></html>',
        ),
    )

    found, failures, _visited = overflows(
        page, port, Frontier([Url("localhost", "/too-wide/")]), (320, 1280)
    )

    assert failures == []
    assert [(width, url) for width, url, _scroll, _elements in found] == [
        (320, "localhost/too-wide/")
    ]
    assert found[0][3] == ["p.long (right 508)"]
