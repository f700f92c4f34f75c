"""Public views of stories: the sharing form."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from home.forms import RateLimit
from stories.forms import StorySubmissionForm
from stories.submission import create_submitted_story

SHARED_STORIES = RateLimit(
    "stories:submit",
    setting="STORIES_SUBMISSIONS_PER_HOUR",
    default=5,
    window=3600,
)


def submit_story(request, index):
    if not index.accepts_submissions:
        raise Http404
    thanks = index.get_url(request) + index.reverse_subpage("submit_thanks")
    status = 200
    if request.method == "POST":
        form = StorySubmissionForm(request.POST, request.FILES, locale=index.locale)
        if form.is_spam:
            # Robots get the same answer as people, and nothing is saved; they
            # use up the allowance as people do.
            SHARED_STORIES.count(request)
            return redirect(thanks)
        if SHARED_STORIES.holds_back(request, form):
            status = 429
        elif form.is_valid():
            create_submitted_story(index, form.cleaned_data)
            SHARED_STORIES.count(request)
            return redirect(thanks)
        else:
            status = 400
    else:
        form = StorySubmissionForm(locale=index.locale)
    response = TemplateResponse(
        request,
        "stories/story_submission.html",
        {"page": index, "form": form, "school": index.school},
        status=status,
    )
    return SHARED_STORIES.too_many(response) if status == 429 else response
