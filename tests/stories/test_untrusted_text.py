"""A story shared from outside cannot carry script into the admin, the mails or,
once approved, the public pages."""

import pytest

from stories.models import GoodPracticeStoryPage
from tests.network import staff_member
from tests.stories.conftest import stories_index
from tests.stories.test_submission import form_data

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
IMAGE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_story(client, lit, django_capture_on_commit_callbacks, mailoutbox):
    staff_member(lit, "moderator", email="moderatore@lit.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            stories_index(lit).url + "submit/",
            form_data(
                title=f"Komposts {SCRIPT}",
                intro=IMAGE,
                what_was_done=f"Darījām {SCRIPT}",
                contact_name=IMAGE,
            ),
        )
    assert response.status_code in (200, 302)
    return GoodPracticeStoryPage.objects.get(title=f"Komposts {SCRIPT}")


def test_the_draft_in_the_admin_shows_the_text_escaped(
    client, admin_user, hostile_story
):
    client.force_login(admin_user)

    html = client.get(f"/admin/pages/{hostile_story.pk}/edit/").content.decode()

    assert SCRIPT not in html
    assert IMAGE not in html


def test_the_moderators_mail_shows_the_text_escaped(hostile_story, mailoutbox):
    html_parts = [
        content
        for message in mailoutbox
        for content, mimetype in getattr(message, "alternatives", [])
        if mimetype == "text/html"
    ]
    assert html_parts
    for content in html_parts:
        assert SCRIPT not in content and IMAGE not in content


def test_the_approved_story_shows_the_text_escaped(client, hostile_story):
    hostile_story.save_revision().publish()

    html = client.get(hostile_story.url).content.decode()

    assert "Komposts &lt;script&gt;" in html
    assert SCRIPT not in html and IMAGE not in html
