import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from home.schools import editors_group_name, moderators_group_name


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
