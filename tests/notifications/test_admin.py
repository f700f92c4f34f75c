"""Editors see their school's notifications in the admin, read-only, by status."""

import pytest
from django.urls import reverse

from notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def row(school, key, status="failed", to="anna@example.com"):
    return OutboxMessage.objects.create(
        key=key,
        template="notifications/mail/message",
        to_email=to,
        subject=f"Subject {key}",
        status=status,
        error="SMTPServerDisconnected: closed" if status == "failed" else "",
        school=school,
    )


def test_editor_sees_failed_notifications_of_their_school(client, school, staff):
    editor, _moderator = staff
    row(school, "mine")
    client.force_login(editor)

    response = client.get(reverse("notifications:index"), {"status": "failed"})

    assert response.status_code == 200
    assert "Subject mine" in response.content.decode()


def test_status_filter_hides_other_statuses(client, school, staff, admin_user):
    row(school, "failed-one")
    row(school, "sent-one", status="sent")
    client.force_login(admin_user)

    html = client.get(reverse("notifications:index"), {"status": "failed"}).content

    assert b"Subject failed-one" in html
    assert b"Subject sent-one" not in html


def test_editor_does_not_see_another_schools_notifications(
    client, school, staff, other_school
):
    row(other_school, "theirs", to="someone@lvt.example")
    editor, _moderator = staff
    client.force_login(editor)

    html = client.get(reverse("notifications:index")).content

    assert b"someone@lvt.example" not in html


def test_inspect_view_shows_the_error_and_there_is_no_edit_view(client, school, staff):
    message = row(school, "broken")
    editor, _moderator = staff
    client.force_login(editor)

    inspect = client.get(reverse("notifications:inspect", args=[message.pk]))
    edit = client.get(reverse("notifications:edit", args=[message.pk]))

    assert "SMTPServerDisconnected: closed" in inspect.content.decode()
    assert edit.status_code in {302, 403}
    assert OutboxMessage.objects.get(pk=message.pk).status == "failed"


def test_editor_cannot_open_another_schools_notification(
    client, school, staff, other_school
):
    message = row(other_school, "theirs", to="someone@lvt.example")
    editor, _moderator = staff
    client.force_login(editor)

    response = client.get(reverse("notifications:inspect", args=[message.pk]))

    assert response.status_code == 404
