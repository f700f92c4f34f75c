"""The demo comes with an editor and a moderator per school, so moderation works."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from home.models import SchoolPage
from notifications.models import OutboxMessage
from stories.models import StoryIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_network_once, db):
    return SchoolPage.objects.get(slug="lit", locale__language_code="lv")


def reload_accounts(*usernames):
    """Load the demo again without the accounts: it makes them anew and prints
    their passwords."""
    get_user_model().objects.filter(username__in=usernames).delete()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return dict(re.findall(r"^  (\S+)  (\S+)$", out.getvalue(), re.M))


def test_every_demo_school_has_an_editor_and_a_moderator(demo):
    schools = SchoolPage.objects.filter(locale__language_code="lv")
    groups = {
        group
        for user in get_user_model().objects.filter(is_superuser=False)
        for group in user.groups.values_list("name", flat=True)
    }

    for school in schools:
        assert {f"{school.slug} editors", f"{school.slug} moderators"} <= groups


def test_printed_password_signs_the_moderator_in(client, demo):
    passwords = reload_accounts("lit-moderators")

    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "lit-moderators", "password": passwords["lit-moderators"]},
    )

    assert list(passwords) == ["lit-moderators"]
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_loading_again_prints_no_password(demo):
    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert "passwords shown once" not in out.getvalue()


def test_a_shared_story_reaches_the_demo_schools_moderator(
    client, demo, django_capture_on_commit_callbacks
):
    address = urlsplit(StoryIndexPage.objects.child_of(demo).get().full_url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            address.path + "submit/",
            HTTP_HOST=address.netloc,
            data={
                "school_name": "Rēzeknes 5. vidusskola",
                "country": "LV",
                "contact_name": "Ilze Ozola",
                "contact_email": "ilze@example.com",
                "title": "Kompostēšana skolas dārzā",
                "intro": "Virtuves atkritumus kompostējam dobēm.",
                "theme": "waste",
                "audience": "primary",
                "problem": "Ēdnīcas atkritumi nonāca sadzīves atkritumos.",
                "what_was_done": "Uzbūvējām trīs kompostkastes.",
                "consent": "on",
                "website": "",
            },
        )

    assert response.status_code == 302
    assert OutboxMessage.objects.filter(
        to_email="lit-moderators@ekoskolas.localhost"
    ).exists()
