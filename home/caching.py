"""Caching of public pages for anonymous visitors, invalidated by publishing.

Everything cached here, whole responses and expensive listings alike, is keyed by
a content *generation*: one counter in the default cache (Redis in production),
so that every web process and worker reads the same number. Publishing,
unpublishing, moving or deleting a page, and saving a snippet, setting or record
that public pages show, bumps it. Whatever was cached under an older generation
is not served again; it is replaced, or expires after PAGE_CACHE_SECONDS.

One publish thus invalidates the whole network. That is deliberate: pages list
each other (the hub shows every school's events and stories), and tracking which
page shows what would be one more thing to get wrong; publishing is rare next to
reading. The timeout also bounds how long time-dependent lists ("upcoming
events", "registration open") can lag behind the clock.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"

# Records other than pages whose saving changes what anonymous visitors see.
# Orderables of a page (questions, milestones, progress) are saved when the page
# is published, which bumps the generation already.
PUBLIC_CONTENT_MODELS = frozenset(
    {
        "home.SchoolSettings",
        "home.EcoTheme",
        "home.SustainableDevelopmentGoal",
        "events.EnvironmentalDay",
        "events.DayAdoption",
        # Seats left and "registration open" on event pages, cards and the API.
        "events.Registration",
        "events.EventChange",
        "stories.StoryAdoption",
        # Public survey results count the answers.
        "surveys.SurveyResponse",
        "wagtailcore.Site",
        "wagtailcore.Locale",
        "wagtailcore.PageViewRestriction",
        "wagtailimages.Image",
        "wagtaildocs.Document",
        "wagtailsearchpromotions.SearchPromotion",
    }
)

# Bookkeeping of draft revisions: saving only these changes nothing visitors see.
DRAFT_FIELDS = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
    }
)

# Never served from the cache: the admin, documents (privacy of collections is
# checked per request) and the language switch.
EXCLUDED_PATHS = ("/admin/", "/documents/", "/i18n/")

# Vary values the cache key already accounts for: the language is in the key,
# and requests that carry a session or messages cookie never use the cache.
KEYED_VARY = frozenset({"", "cookie", "accept-language"})

CACHE_HEADER = "X-Cache"


# The generation ---------------------------------------------------------------


def current_generation():
    """The content generation every cache key of this module includes."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _fresh_generation():
    # Starts from the clock, so that a counter the cache lost (eviction, a Redis
    # restart) never comes back to a number whose entries may still be stored.
    return time.time_ns() // 1000


def _increment():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)
    except Exception:
        # Publishing must not fail because the cache is down; entries then
        # expire after PAGE_CACHE_SECONDS.
        logger.exception("Could not invalidate the page cache")


def bump_generation():
    """Make every cached page and listing stale.

    Bumped at once, so the writer's next read already misses, and again after
    the transaction commits, so that a page another process rendered from the
    old rows in between is not kept either.
    """
    _increment()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_increment)


# What invalidates --------------------------------------------------------------


def _page_changed(sender, instance=None, **kwargs):
    bump_generation()


def _page_saved(sender, instance, update_fields=None, **kwargs):
    if not instance.live:
        return  # unpublishing sends page_unpublished
    if update_fields and DRAFT_FIELDS.issuperset(update_fields):
        return
    bump_generation()


def _record_saved(sender, **kwargs):
    if sender._meta.label in PUBLIC_CONTENT_MODELS:
        bump_generation()


def _record_deleted(sender, instance, **kwargs):
    if sender._meta.label in PUBLIC_CONTENT_MODELS or isinstance(instance, Page):
        bump_generation()


def _saved(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _page_saved(sender, instance, **kwargs)
    else:
        _record_saved(sender, **kwargs)


def _purge_listing_pages(sender, instance, **kwargs):
    """Purge the ancestors of a published page from the frontend cache too.

    Wagtail's frontend_cache purges the page itself; its school page, section
    index and the hub list it, and would otherwise wait for s-maxage.
    """
    from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends

    if not get_backends():
        return
    batch = PurgeBatch()
    batch.add_pages(instance.get_ancestors().live().specific().filter(depth__gt=1))
    batch.purge()


def connect_signals():
    page_published.connect(_page_changed, dispatch_uid="caching-published")
    page_unpublished.connect(_page_changed, dispatch_uid="caching-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="caching-moved")
    post_save.connect(_saved, dispatch_uid="caching-saved")
    post_delete.connect(_record_deleted, dispatch_uid="caching-deleted")
    page_published.connect(_purge_listing_pages, dispatch_uid="caching-purge-pub")
    page_unpublished.connect(_purge_listing_pages, dispatch_uid="caching-purge-unpub")


# Listings ------------------------------------------------------------------------


def cached_listing(name, parts, compute):
    """`compute()`'s value, kept for the current generation.

    For lists that cost many queries (the hub's sections, the library's filter
    options), so that a page that cannot be cached whole is still cheap.
    """
    timeout = settings.PAGE_CACHE_SECONDS
    if not timeout:
        return compute()
    digest = hashlib.sha256(repr(list(parts)).encode()).hexdigest()
    key = f"listing:{current_generation()}:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


# Whole responses -------------------------------------------------------------------


def is_known_visitor(request):
    """Whether the request may belong to someone signed in or shown a message.

    Decided by the cookies alone: a signed-in user always sends the session
    cookie, and reading the session here would cost a query on every hit.
    """
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def page_cache_key(request):
    """The key of a page: host, path with query, language and scheme.

    The generation is not in the key but stored with the response, so that one
    round trip to the cache fetches both, and a page's newer copy replaces the
    older one instead of leaving it to expire.
    """
    full_path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return ":".join(
        [
            "page",
            request.scheme,
            request.get_host(),
            translation.get_language() or settings.LANGUAGE_CODE,
            full_path,
        ]
    )


def _cache_control(response):
    return {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }


def is_shareable(request, response):
    """Whether this response to an anonymous GET may be given to anyone else."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    # A CSP nonce in the HTML would not match the header of a later response.
    if getattr(request, "_csp_nonce", None) is not None:
        return False
    if _cache_control(response) & {"private", "no-store", "no-cache"}:
        return False
    vary = {h.strip().lower() for h in cc_delim_re.split(response.get("Vary", ""))}
    return vary <= KEYED_VARY


def keep_private(response):
    patch_cache_control(response, private=True, no_cache=True)


class AnonymousPageCacheMiddleware:
    """Serves anonymous GET and HEAD requests from the default cache.

    Sits after LocaleMiddleware (the language is part of the key) and before
    the CSRF, authentication and messages middleware, so that it sees the
    cookies they set. Headers that middleware further out adds (CSP, security)
    are added to cached responses as to fresh ones.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or request.path_info.startswith(
            EXCLUDED_PATHS
        ):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD") or is_known_visitor(request):
            response = self.get_response(request)
            if is_known_visitor(request) or response.cookies:
                keep_private(response)
            return response

        key = page_cache_key(request)
        found = self._read(cache.get_many, [GENERATION_KEY, key])
        if found is None:
            return self.get_response(request)
        generation = found.get(GENERATION_KEY) or self._read(current_generation)
        stored_generation, cached = found.get(key) or (None, None)
        if cached is not None and stored_generation == generation:
            cached[CACHE_HEADER] = "hit"
            return cached

        response = self.get_response(request)
        if not is_shareable(request, response):
            if response.cookies:
                keep_private(response)
            return response
        if not response.has_header("Cache-Control"):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PAGE_CACHE_MAX_AGE,
                s_maxage=settings.PAGE_CACHE_S_MAXAGE,
            )
        set_response_etag(response)
        if request.method == "GET" and generation is not None:
            self._write(key, (generation, response))
        response[CACHE_HEADER] = "miss"
        return response

    def _read(self, read, *args):
        try:
            return read(*args)
        except Exception:
            # A cache outage slows the site down; it must not take it down.
            logger.exception("Could not read the page cache")
            return None

    def _write(self, key, entry):
        try:
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Could not write the page cache")
