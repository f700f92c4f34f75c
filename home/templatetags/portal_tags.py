from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from home import caching
from home.addresses import canonical_url
from home.models import (
    AccessibilityStatementPage,
    HomePage,
    PortalPage,
    PrivacyNoticePage,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per portal language: where this page lives in that language.

    A page links to its own translation; where none exists yet, to the home page
    of that language, so the switcher never leads to a 404.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if code in translations:
            url = translations[code].get_url(request=request)
        elif not isinstance(page, Page) and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url or ("/" if code == settings.LANGUAGE_CODE else f"/{code}/"),
                "is_current": code == current,
                "exists": url is not None,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def canonical_link(context):
    """The page's one address (its school's own host), for rel=canonical."""
    page, request = context.get("page"), context.get("request")
    if not isinstance(page, Page) or request is None:
        return ""
    return canonical_url(page, request) or ""


@register.simple_tag(takes_context=True)
def current_school(context):
    """The school whose subtree the page is in, or None on network pages."""
    page = context.get("page")
    return getattr(page, "school", None) if isinstance(page, PortalPage) else None


@register.simple_tag(takes_context=True)
def hub_page(context):
    """The network home page in the current language."""
    hub = HomePage.objects.filter(locale=Locale.get_active()).first()
    return hub or HomePage.objects.first()


@register.simple_tag
def menu_pages(parent):
    if parent is None:
        return []
    return parent.get_children().live().public().in_menu().specific()


@register.simple_tag
def footer_links(school, hub):
    """The accessibility statement (the school's own, else the network's) and the
    privacy notice, for the footer of every page."""
    statements = AccessibilityStatementPage.objects.live().filter(
        locale=Locale.get_active()
    )
    statement = None
    if school is not None:
        statement = statements.child_of(school).first()
    if statement is None and hub is not None:
        statement = statements.child_of(hub).first()
    privacy = None
    if hub is not None:
        privacy = PrivacyNoticePage.objects.live().child_of(hub).first()
    return {"accessibility": statement, "privacy": privacy}


class ListingCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        parts = [
            translation.get_language(),
            request.get_host() if request is not None else "",
            *(value.resolve(context) for value in self.vary_on),
        ]
        return caching.cached_listing(
            self.name, parts, lambda: self.nodelist.render(context)
        )


@register.tag
def listingcache(parser, token):
    """`{% listingcache "name" value... %}…{% endlistingcache %}`: the HTML inside,
    kept for the current content generation, per language, host and values.

    Like Django's `{% cache %}`, but invalidated by publishing (home/caching.py)
    and bounded by PAGE_CACHE_SECONDS. Links inside depend on the host (a
    school's own domain), so it is part of the key.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endlistingcache",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    vary_on = [parser.compile_filter(bit) for bit in bits[2:]]
    return ListingCacheNode(nodelist, name, vary_on)
