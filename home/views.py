import re

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import cache_control
from wagtail.models import Locale

from home.models import PrivacyNoticePage, SchoolSettings

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def privacy_notice(request):
    """The network's privacy notice in the visitor's language, wherever forms link it.

    Forms (registration, story sharing, surveys) link here rather than to a page
    path, so that editors may move or rename the notice page.
    """
    notices = PrivacyNoticePage.objects.live()
    notice = (
        notices.filter(locale=Locale.get_active()).first()
        or notices.filter(locale=Locale.get_default()).first()
    )
    if notice is None:
        raise Http404("No privacy notice has been published yet.")
    return redirect(notice.get_url(request=request))


@cache_control(public=True, max_age=365 * 24 * 3600, immutable=True)
def school_colours(request, site_id):
    """A school's brand colour as a stylesheet of its own.

    An inline <style> would need the request's CSP nonce, and a per-request value
    in the HTML would keep pages out of the cache. Pages link here with the
    colour in the query string, so a new colour is a new URL and the stylesheet
    may be kept for long.
    """
    school_settings = SchoolSettings.objects.filter(site_id=site_id).first()
    colour = school_settings.brand_colour if school_settings else ""
    if not HEX_COLOUR.fullmatch(colour):
        raise Http404("This school has no brand colour.")
    return HttpResponse(
        f".site-header {{ background: {colour}; }}\n",
        content_type="text/css; charset=utf-8",
    )
