"""Wagtail admin view: adopt a story into one's own school."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.models import SchoolPage
from stories.adoption import adopt_story, schools_user_can_adopt_for
from stories.models import GoodPracticeStoryPage


class AdoptForm(forms.Form):
    school = forms.ModelChoiceField(
        label=gettext_lazy("Your school"),
        queryset=None,
        empty_label=None,
        help_text=gettext_lazy("The school whose editor you are and which adopts it."),
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["school"].queryset = SchoolPage.objects.filter(
            pk__in=[school.pk for school in schools]
        ).order_by("title")


def adopt(request, page_id):
    story = get_object_or_404(GoodPracticeStoryPage, pk=page_id)
    schools = schools_user_can_adopt_for(request.user, story)
    if not schools:
        raise PermissionDenied
    form = AdoptForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        school = form.cleaned_data["school"]
        try:
            adoption = adopt_story(story, school, request.user)
        except ValidationError as error:
            form.add_error("school", error)
        else:
            if adoption.activity_id:
                messages.success(
                    request,
                    _(
                        "“%(story)s” is now a draft activity in the action plan of "
                        "%(school)s."
                    )
                    % {"story": story.title, "school": school.title},
                )
                return redirect("wagtailadmin_pages:edit", adoption.activity_id)
            messages.success(
                request,
                _("%(school)s has adopted “%(story)s”.")
                % {"story": story.title, "school": school.title},
            )
            return redirect("wagtailadmin_explore", story.get_parent().pk)
    return TemplateResponse(
        request,
        "stories/admin/adopt.html",
        {
            "story": story,
            "form": form,
            "page_title": _("Adopt this practice"),
            "header_title": _("Adopt “%(story)s”") % {"story": story.title},
            "action_url": reverse("stories_adopt", args=[story.pk]),
        },
    )
