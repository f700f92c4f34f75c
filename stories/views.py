"""Public views of stories: the sharing form."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from stories.forms import StorySubmissionForm
from stories.submission import create_submitted_story


def client_address(request):
    return request.META.get("REMOTE_ADDR", "unknown")


def _rate_key(request):
    return f"stories:submissions:{client_address(request)}"


def rate_limited(request):
    """True once an address has shared its allowance of stories this hour."""
    limit = getattr(settings, "STORIES_SUBMISSIONS_PER_HOUR", 5)
    return cache.get(_rate_key(request), 0) >= limit


def count_submission(request):
    key = _rate_key(request)
    if not cache.add(key, 1, timeout=3600):
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, timeout=3600)


def submit_story(request, index):
    if not index.accepts_submissions:
        raise Http404
    status = 200
    if request.method == "POST":
        form = StorySubmissionForm(request.POST, request.FILES, locale=index.locale)
        if form.is_spam:
            # Robots get the same answer as people, and nothing is saved.
            return redirect(
                index.get_url(request) + index.reverse_subpage("submit_thanks")
            )
        if rate_limited(request):
            form.add_error(
                None,
                _(
                    "Too many stories were sent from your address in the last hour. "
                    "Please try again later."
                ),
            )
            status = 429
        elif form.is_valid():
            create_submitted_story(index, form.cleaned_data)
            count_submission(request)
            return redirect(
                index.get_url(request) + index.reverse_subpage("submit_thanks")
            )
        else:
            status = 400
    else:
        form = StorySubmissionForm(locale=index.locale)
    return TemplateResponse(
        request,
        "stories/story_submission.html",
        {"page": index, "form": form, "school": index.school},
        status=status,
    )
