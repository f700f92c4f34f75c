"""Helpers for tests on a small network (tests/factories.py builds it): staff,
the shared vocabularies, publishing."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from home.models import EcoTheme, SustainableDevelopmentGoal
from home.schools import editors_group_name, moderators_group_name


def staff_member(school, role, username=None, email=None):
    """A user in the school's editors or moderators group."""
    group = (editors_group_name if role == "editor" else moderators_group_name)(
        school.slug
    )
    username = username or f"{school.slug}-{role}"
    user = get_user_model().objects.create_user(
        username, email or f"{username}@example.com", "pw"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def theme(slug):
    return EcoTheme.objects.get(slug=slug, locale=Locale.get_default())


def goals(*numbers):
    return list(
        SustainableDevelopmentGoal.objects.filter(
            number__in=numbers, locale=Locale.get_default()
        )
    )


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def days_from(day, count):
    return day + datetime.timedelta(days=count)
