"""Adopting another school's practice: a draft activity in one's own action plan."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from activities.models import ActionPlanIndexPage, ActionPlanPage, ActivityPage
from activities.months import school_year_of
from home.models import SchoolPage
from stories.models import StoryAdoption


def schools_user_can_adopt_for(user, story):
    """Schools (default language) whose editor `user` is, other than the story's own."""
    own = story.school
    schools = SchoolPage.objects.filter(locale=Locale.get_default()).order_by("title")
    if own is not None:
        schools = schools.exclude(translation_key=own.translation_key)
    return [
        school
        for school in schools
        if school.permissions_for_user(user).can_add_subpage()
    ]


def existing_adoption(story, school):
    return StoryAdoption.objects.filter(
        story__translation_key=story.translation_key,
        school__translation_key=school.translation_key,
    ).first()


def current_plan(school, today=None):
    """The school's action plan for this school year, or else its newest one."""
    index = ActionPlanIndexPage.objects.child_of(school).first()
    if index is None:
        return None
    plans = ActionPlanPage.objects.child_of(index)
    year = school_year_of(today or datetime.date.today())
    return (
        plans.filter(school_year=year).first() or plans.order_by("-school_year").first()
    )


def _activity_description(story, request=None):
    link = f'<a linktype="page" id="{story.pk}">{escape(story.title)}</a>'
    school = story.school
    source = _("Adopted from %(school)s: %(story)s") % {
        "school": escape(school.title) if school else "",
        "story": link,
    }
    return f"<p>{escape(story.intro)}</p>{story.what_was_done}<p>{source}</p>"


def _unique_slug(parent, title):
    base = slugify(title)[:70].strip("-") or "aktivitate"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def copy_as_activity(story, plan, user):
    """A draft ActivityPage under `plan` with the story's practice and a link back."""
    next_number = (
        ActivityPage.objects.child_of(plan).aggregate(Max("number_major"))[
            "number_major__max"
        ]
        or 0
    ) + 1
    activity = ActivityPage(
        title=story.title,
        slug=_unique_slug(plan, story.title),
        locale=plan.locale,
        live=False,
        number=str(next_number),
        description=_activity_description(story),
        owner=user,
    )
    activity.sdgs = list(story.sdgs.all())
    plan.add_child(instance=activity)
    activity.save_revision(user=user, log_action=True)
    return activity


@transaction.atomic
def adopt_story(story, school, user, today=None):
    """`school` adopts `story`: a draft activity in its current plan, and a record.

    Only the school's editors may adopt, once per school and practice.
    """
    if school not in schools_user_can_adopt_for(user, story):
        raise PermissionDenied
    if existing_adoption(story, school) is not None:
        raise ValidationError(
            _("%(school)s has already adopted this practice.")
            % {"school": school.title}
        )
    plan = current_plan(school, today)
    if plan is None:
        raise ValidationError(
            _(
                "%(school)s has no action plan yet. Create this school year's plan "
                "first, then adopt the practice into it."
            )
            % {"school": school.title}
        )
    if not plan.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    activity = copy_as_activity(story, plan, user)
    return StoryAdoption.objects.create(
        story=story, school=school, activity=activity, created_by=user
    )
