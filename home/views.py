from django.http import Http404
from django.shortcuts import redirect
from wagtail.models import Locale

from home.models import PrivacyNoticePage


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
