"""One address per page: a school's pages live on the school's own host.

A school with its own site is also a subtree of the hub, so each of its pages has
two addresses (`lit.localhost/pasakumi/x/` and `localhost/lit/pasakumi/x/`).
Wagtail builds a page's URL on whichever of its sites the current request came
from; a link followed from the hub then stays on the hub's address, and a form
served there redirects to the other host after a POST, which the site's own
`form-action 'self'` policy blocks in the browser. The portal instead gives every
page one canonical address, on the most specific site that holds it:

- `Page.get_url_parts` always picks that site (`use_canonical_urls`), so every
  link, sitemap entry, feed, API `html_url` and mail points at it;
- a GET on the other address is redirected there permanently, and a form is
  never handled there (`serve_on_canonical_host`, a `before_serve_page` hook).
"""

from types import SimpleNamespace

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

_wagtail_get_url_parts = Page.get_url_parts


def _site_root_paths_cache(request):
    """An object to cache Wagtail's site root paths on for one request.

    Wagtail caches them on the request it is given, but also lets that request
    choose among a page's sites; this stand-in keeps the cache and not the choice.
    """
    if not isinstance(request, HttpRequest):
        return request
    try:
        return request._portal_site_root_paths
    except AttributeError:
        request._portal_site_root_paths = SimpleNamespace()
        return request._portal_site_root_paths


def canonical_url_parts(page, request=None):
    """(site id, root URL, path) of the page on the most specific site holding it.

    Site.get_site_root_paths() orders deeper site roots first, so Wagtail's first
    candidate is that site whenever no request takes part in the choice.
    """
    return _wagtail_get_url_parts(page, request=_site_root_paths_cache(request))


def use_canonical_urls():
    """Make every page's URL its canonical one (called once, from AppConfig.ready).

    It can go if Wagtail gains a setting to build URLs on the canonical site rather
    than on the request's.
    """
    Page.get_url_parts = canonical_url_parts


def canonical_url(page, request):
    """The full canonical URL of what `request` asked of `page`, sub-route included.

    A routable page serves sub-paths below its own (`.../pieteikties/`, an archive
    month); they move with the page.
    """
    served_parts = _wagtail_get_url_parts(page, request=request)
    canonical = page.get_full_url(request)
    if served_parts is None or canonical is None:
        return None
    served_path = served_parts[2] or ""
    suffix = request.path[len(served_path) :] if served_path else ""
    if not request.path.startswith(served_path):
        suffix = ""
    return canonical + suffix


def serve_on_canonical_host(page, request, serve_args, serve_kwargs):
    """Redirect a GET on a page's other address; refuse a form posted there."""
    site = Site.find_for_request(request)
    parts = page.get_url_parts(request)
    if site is None or parts is None or parts[0] == site.pk:
        return None
    url = canonical_url(page, request)
    if url is None:
        return None
    if request.method in ("GET", "HEAD"):
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    # A form is handled only where it was served, and a POST never leads to
    # another host: the browser would refuse to follow.
    return TemplateResponse(
        request,
        "home/other_address.html",
        {
            "page": page,
            "canonical_url": url,
            "message": _(
                "This page has moved to its school's own address. Open it there "
                "and send the form again."
            ),
        },
        status=400,
    )
