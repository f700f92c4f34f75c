import re
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from notifications.models import OutboxMessage
from surveys.invitations import (
    create_invitations,
    purge_invitations,
    send_reminders,
)
from surveys.models import Invitation

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

LINK = re.compile(r"https?://\S+\?invitation=([\w-]+)")


def lv(message):
    with translation.override("lv"):
        return translation.gettext(message)


def upload(client, survey, text, audience="students", encoding="utf-8"):
    return client.post(
        reverse("surveys_admin:invitations", args=[survey.pk]),
        {
            "audience": audience,
            "addresses": SimpleUploadedFile(
                "adreses.csv", text.encode(encoding), content_type="text/csv"
            ),
        },
    )


@pytest.fixture
def editor_client(client, school_editor):
    client.force_login(school_editor)
    return client


def test_editor_uploads_a_list_and_each_address_gets_its_own_link(
    editor_client, survey, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            editor_client,
            survey,
            "email\nanna@lit.lv\nJanis@LIT.lv\n\nolga@lit.lv\n",
            audience="teachers",
        )

    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", "audience")) == [
        ("anna@lit.lv", "teachers"),
        ("janis@lit.lv", "teachers"),
        ("olga@lit.lv", "teachers"),
    ]
    assert sorted(m.to[0] for m in mailoutbox) == [
        "anna@lit.lv",
        "janis@lit.lv",
        "olga@lit.lv",
    ]
    tokens = {LINK.search(m.body).group(1) for m in mailoutbox}
    assert len(tokens) == 3
    assert all(m.alternatives for m in mailoutbox)


def test_link_from_the_mail_opens_the_survey(
    client, survey, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_invitations(survey, "students", ["anna@lit.lv"])
    url = LINK.search(mailoutbox[0].body).group(0)

    response = client.get(
        url.replace("http://lit.localhost", ""), HTTP_HOST="lit.localhost"
    )

    assert response.status_code == 200
    assert 'name="invitation"' in response.content.decode()


def test_only_a_hash_of_the_token_is_stored_anywhere(
    survey, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_invitations(survey, "students", ["anna@lit.lv"])
    token = LINK.search(mailoutbox[0].body).group(1)

    invitation = Invitation.objects.values().get()
    outbox = OutboxMessage.objects.values().get()
    assert token not in repr(invitation)
    assert token not in repr(outbox)
    assert invitation["token_hash"] != token


def test_every_bad_line_is_reported_and_nothing_is_sent(
    editor_client, survey, mailoutbox, django_capture_on_commit_callbacks
):
    create_invitations(survey, "students", ["jau@lit.lv"])
    mailoutbox.clear()
    text = (
        "anna@lit.lv\n"
        "nav-adrese\n"
        "ANNA@lit.lv\n"
        "janis@lit.lv,Jānis\n"
        "jau@lit.lv\n"
        "olga@lit.lv\n"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor_client, survey, text)

    assert response.status_code == 400
    html = response.content.decode()
    rows = re.findall(r'<tr><th scope="row">(\d+)</th><td>(.*?)</td></tr>', html)
    assert [int(line) for line, _message in rows] == [2, 3, 4, 5]
    assert "nav-adrese" in rows[0][1]
    assert "1" in rows[1][1]
    assert "jau@lit.lv" in rows[3][1]
    assert Invitation.objects.count() == 1
    assert mailoutbox == []
    with translation.override("lv"):
        assert translation.gettext("Put only one address on each line.") in html


def test_a_file_that_is_not_utf8_is_refused_with_a_message(
    editor_client, survey, mailoutbox
):
    response = upload(editor_client, survey, "jānis@lit.lv\n", encoding="utf-16")

    assert response.status_code == 400
    assert lv("The file is not UTF-8 text: save it as “CSV UTF-8” and try again.") in (
        response.content.decode()
    )
    assert not Invitation.objects.exists()


def test_an_empty_file_is_refused(editor_client, survey):
    response = upload(editor_client, survey, "email\n\n")

    assert response.status_code == 400
    assert lv("The file contains no addresses.") in response.content.decode()


def test_editor_of_another_school_cannot_invite(client, survey, other_school_editor):
    client.force_login(other_school_editor)

    response = upload(client, survey, "anna@lit.lv\n")

    # Wagtail's admin answers a denied permission with a redirect and a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not Invitation.objects.exists()


def test_reminder_goes_once_and_only_to_those_who_have_not_answered(
    make_survey, mailoutbox, django_capture_on_commit_callbacks
):
    survey = make_survey(closes=30, reminder_after_days=7)
    with django_capture_on_commit_callbacks(execute=True):
        invitations = create_invitations(
            survey, "students", ["anna@lit.lv", "janis@lit.lv"]
        )
    Invitation.objects.filter(pk=invitations[0].pk).update(used=True)
    mailoutbox.clear()

    with time_machine.travel(timezone.now() + timedelta(days=8)):
        with django_capture_on_commit_callbacks(execute=True):
            first = send_reminders()
        with django_capture_on_commit_callbacks(execute=True):
            second = send_reminders()

    assert (first, second) == (1, 0)
    assert [m.to for m in mailoutbox] == [["janis@lit.lv"]]
    assert mailoutbox[0].subject.startswith(lv("Reminder: %(title)s").split("%")[0])
    assert LINK.search(mailoutbox[0].body)


def test_no_reminder_before_it_is_due(
    survey, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_invitations(survey, "students", ["anna@lit.lv"])

    assert send_reminders() == 0


def test_reminder_of_a_short_survey_goes_two_days_before_it_closes(
    make_survey, mailoutbox, django_capture_on_commit_callbacks
):
    survey = make_survey(closes=5, reminder_after_days=14)
    with django_capture_on_commit_callbacks(execute=True):
        create_invitations(survey, "students", ["anna@lit.lv"])

    with time_machine.travel(timezone.now() + timedelta(days=3, hours=1)):
        assert send_reminders() == 1


def test_addresses_are_deleted_after_the_retention_period(make_survey, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = {"survey_invitations": 30}
    old = make_survey(slug="sena", opens=-60, closes=-31)
    recent = make_survey(slug="nesena", opens=-40, closes=-29)
    create_invitations(old, "students", ["anna@lit.lv"])
    create_invitations(recent, "students", ["janis@lit.lv"])

    assert purge_invitations() == 1
    assert list(Invitation.objects.values_list("email", flat=True)) == ["janis@lit.lv"]


def test_no_invitations_to_a_closed_survey(editor_client, make_survey, mailoutbox):
    survey = make_survey(opens=-30, closes=-1)

    response = upload(editor_client, survey, "anna@lit.lv\n")

    assert response.status_code == 400
    assert lv("The survey is closed: no one could answer.") in response.content.decode()
    assert not Invitation.objects.exists()


def test_no_invitations_to_an_unpublished_survey(editor_client, survey, mailoutbox):
    survey.unpublish()

    response = upload(editor_client, survey, "anna@lit.lv\n")

    assert response.status_code == 400
    assert not Invitation.objects.exists()
