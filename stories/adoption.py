"""Adopting another school's practice into one's own school."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale

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


@transaction.atomic
def adopt_story(story, school, user):
    """Record that `school` adopts `story`; only the school's editors may do it."""
    if school not in schools_user_can_adopt_for(user, story):
        raise PermissionDenied
    if existing_adoption(story, school) is not None:
        raise ValidationError(
            _("%(school)s has already adopted this practice.")
            % {"school": school.title}
        )
    return StoryAdoption.objects.create(story=story, school=school, created_by=user)
