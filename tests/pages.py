"""One live page of every page type, in every language, from the demo network."""

from collections import defaultdict
from urllib.parse import urlsplit

from wagtail.models import Page, Site


def one_page_per_type():
    """[(type label, language, host, path)] for every page type with a live page.

    `host` is None for pages of the hub's site and the school's host name (without
    port) for pages a school serves on its own site.
    """
    chosen = defaultdict(dict)
    pages = Page.objects.live().public().filter(depth__gt=1).select_related("locale")
    for page in pages.order_by("path").specific():
        language = page.locale.language_code
        label = page.specific_class._meta.label
        chosen[label].setdefault(language, page)
    hub_site = Site.objects.get(is_default_site=True)
    found = []
    for label, by_language in sorted(chosen.items()):
        for language, page in sorted(by_language.items()):
            url = urlsplit(page.relative_url(hub_site))
            found.append((label, language, url.hostname, url.path))
    return found
