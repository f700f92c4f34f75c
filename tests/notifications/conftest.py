import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from home.demo import load_hub
from home.schools import create_school, editors_group_name, moderators_group_name


@pytest.fixture
def school(django_capture_on_commit_callbacks):
    # Two blocks: the hub's translation is published on commit, and publishing it
    # after a school was added under it would save a stale child count.
    with django_capture_on_commit_callbacks(execute=True):
        load_hub()
    with django_capture_on_commit_callbacks(execute=True):
        return create_school(
            "Latgales Industriālais tehnikums", "lit", city="Daugavpils"
        )


@pytest.fixture
def staff(school, django_user_model):
    """An editor (English admin) and a moderator (Latvian admin) of the school."""
    editor = django_user_model.objects.create_user("editor", "editor@lit.example", "pw")
    editor.groups.add(Group.objects.get(name=editors_group_name("lit")))
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    moderator = django_user_model.objects.create_user(
        "moderator", "moderator@lit.example", "pw"
    )
    moderator.groups.add(Group.objects.get(name=moderators_group_name("lit")))
    return editor, moderator
