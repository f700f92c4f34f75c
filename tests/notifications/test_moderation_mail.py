"""Wagtail's moderation mails leave through the outbox, in the recipient's language.

Every step goes through the Wagtail admin as the editor's and moderator's browsers
would; the mails are read as the recipients get them, after the outbox delivery.
"""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, PageSubscription, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from home.models import ContentPage
from notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

BASE_URL = settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def set_profile(user, **fields):
    profile = UserProfile.get_for_user(user)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    return user


@pytest.fixture
def editor(network, make_member):
    user = make_member("ilze", "lit editors")
    user.first_name, user.last_name = "Ilze", "Kalniņa"
    user.save()
    return user


@pytest.fixture
def moderator_lv(network, make_member):
    user = make_member("janis", "lit moderators")
    user.first_name, user.last_name = "Jānis", "Bērziņš"
    user.save()
    return user


@pytest.fixture
def moderator_en(network, make_member):
    user = make_member("anna", "lit moderators")
    user.first_name, user.last_name = "Anna", "Smith"
    user.save()
    return set_profile(user, preferred_language="en")


@pytest.fixture
def page(network):
    page = network["lit"].add_child(
        instance=ContentPage(title="Par ekopadomi", slug="ekopadome", live=False)
    )
    page.save_revision().publish()
    return page


def edit_form_data(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": "",
        "body": streamfield([]),
    }
    data.update(changes)
    return nested_form_data(data)


def submit(client, user, page, title="Ekopadome 2026"):
    client.force_login(user)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form_data(page, title=title, **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    client.logout()


def act(client, user, page, action, comment=""):
    """Approve or request changes, as the moderator's action menu does."""
    state = WorkflowState.objects.get(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    client.force_login(user)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, action, state.current_task_state.pk],
        ),
        {"comment": comment},
    )
    assert response.status_code == 302
    client.logout()


def mail_to(user):
    [message] = [message for message in mail.outbox if message.to == [user.email]]
    return message


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_submission_writes_outbox_rows_for_moderators_and_sends_no_mail_in_request(
    client, editor, moderator_lv, moderator_en, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        submit(client, editor, page)

    # The request is over, its transaction committed: nothing has been sent yet.
    assert mail.outbox == []
    rows = OutboxMessage.objects.filter(
        template="notifications/mail/moderation_submitted"
    )
    assert sorted(rows.values_list("to_email", "language")) == [
        ("anna@example.lv", "en"),
        ("janis@example.lv", "lv"),
    ]
    assert {row.status for row in rows} == {OutboxMessage.Status.PENDING}
    assert {row.school_id for row in rows} == {page.get_parent().pk}

    for callback in callbacks:
        callback()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "anna@example.lv",
        "janis@example.lv",
    ]
    assert {row.status for row in rows.all()} == {OutboxMessage.Status.SENT}


def test_latvian_moderator_gets_the_submission_in_latvian(
    client, editor, moderator_lv, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)

    message = mail_to(moderator_lv)
    assert message.subject == "Lapa iesniegta moderācijai: Ekopadome 2026"
    assert "Ilze Kalniņa iesniedza moderācijai lapu „Ekopadome 2026”." in message.body
    assert "Skola: Latgales Industriālais tehnikums" in message.body
    assert "Darbplūsma: Latgales Industriālais tehnikums: moderācija" in message.body
    assert "Pārskatiet lapu un pēc tam apstipriniet to" in message.body
    assert f"{BASE_URL}/admin/pages/{page.pk}/edit/" in message.body
    assert "submitted" not in message.body
    html = html_of(message)
    assert 'lang="lv"' in html
    assert "Ilze Kalniņa iesniedza moderācijai lapu „Ekopadome 2026”." in html
    assert f'href="{BASE_URL}/admin/pages/{page.pk}/edit/"' in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_english_moderator_gets_the_submission_in_english(
    client, editor, moderator_en, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)

    message = mail_to(moderator_en)
    assert message.subject == "Page submitted for moderation: Ekopadome 2026"
    assert (
        "Ilze Kalniņa submitted the page “Ekopadome 2026” for moderation."
        in message.body
    )
    assert "Review the page, then approve it or request changes:" in message.body
    assert f"{BASE_URL}/admin/pages/{page.pk}/edit/" in message.body
    assert "iesniedza" not in message.body


def test_the_submitter_is_not_told_of_their_own_submission(
    client, editor, moderator_lv, page, django_capture_on_commit_callbacks
):
    editor.is_superuser = True
    editor.save()

    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)

    assert [message.to for message in mail.outbox] == [[moderator_lv.email]]


def test_superuser_gets_one_mail_for_the_workflow_and_its_stage(
    client,
    editor,
    moderator_lv,
    page,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    admin = django_user_model.objects.create_superuser(
        "admin", "admin@example.lv", "parole-123"
    )

    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)

    assert sorted(message.to[0] for message in mail.outbox) == [
        admin.email,
        moderator_lv.email,
    ]


def test_approval_mails_the_submitter(
    client, editor, moderator_lv, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act(client, moderator_lv, page, "approve", comment="Paldies, lieliski!")

    assert Page.objects.get(pk=page.pk).title == "Ekopadome 2026"
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "Lapa apstiprināta: Ekopadome 2026"
    assert "Jānis Bērziņš apstiprināja lapu „Ekopadome 2026”." in message.body
    assert "Komentārs: Paldies, lieliski!" in message.body
    assert f"{BASE_URL}/admin/pages/{page.pk}/edit/" in message.body


def test_request_for_changes_mails_the_submitter_with_the_comment(
    client, editor, moderator_lv, page, django_capture_on_commit_callbacks
):
    set_profile(editor, preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act(client, moderator_lv, page, "reject", comment="Pievienojiet foto.")

    [message] = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "Changes requested: Ekopadome 2026"
    assert (
        "Jānis Bērziņš requested changes to the page “Ekopadome 2026”." in message.body
    )
    assert "Comment: Pievienojiet foto." in message.body
    assert "Make the changes and submit the page for moderation again:" in (
        message.body
    )
    assert "Pievienojiet foto." in html_of(message)


def test_request_for_changes_in_latvian(
    client, editor, moderator_lv, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act(client, moderator_lv, page, "reject", comment="Pievienojiet foto.")

    [message] = mail.outbox
    assert message.subject == "Pieprasītas izmaiņas: Ekopadome 2026"
    assert "Jānis Bērziņš pieprasīja izmaiņas lapā „Ekopadome 2026”." in message.body
    assert "Komentārs: Pievienojiet foto." in message.body


def test_resubmission_after_changes_tells_the_moderators_again(
    client, editor, moderator_lv, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, moderator_lv, page, "reject", comment="Pievienojiet foto.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page, title="Ekopadome 2026 ar foto")

    [message] = mail.outbox
    assert message.to == [moderator_lv.email]
    assert message.subject == "Lapa iesniegta moderācijai: Ekopadome 2026 ar foto"


def test_moderator_who_switched_off_submissions_gets_nothing(
    client, editor, moderator_lv, moderator_en, page, django_capture_on_commit_callbacks
):
    set_profile(moderator_en, submitted_notifications=False)

    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)

    assert [message.to for message in mail.outbox] == [[moderator_lv.email]]
    assert OutboxMessage.objects.filter(to_email=moderator_lv.email).exists()
    assert not OutboxMessage.objects.filter(to_email=moderator_en.email).exists()


def test_submitter_who_switched_off_approvals_gets_nothing(
    client, editor, moderator_lv, page, django_capture_on_commit_callbacks
):
    set_profile(editor, approved_notifications=False)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act(client, moderator_lv, page, "approve")

    assert mail.outbox == []
    assert not OutboxMessage.objects.filter(to_email=editor.email).exists()


def test_submitter_who_switched_off_change_requests_gets_nothing(
    client, editor, moderator_lv, page, django_capture_on_commit_callbacks
):
    set_profile(editor, rejected_notifications=False)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act(client, moderator_lv, page, "reject", comment="Pievienojiet foto.")

    assert mail.outbox == []


def comment_form_data(page, text):
    return edit_form_data(
        page,
        comments=inline_formset(
            [
                {
                    "contentpath": "title",
                    "text": text,
                    "replies": inline_formset([]),
                }
            ]
        ),
        **{"action-save": "1"},
    )


def test_new_comment_goes_to_subscribers_through_the_outbox(
    client, editor, moderator_lv, page, django_capture_on_commit_callbacks
):
    PageSubscription.objects.create(page=page, user=editor, comment_notifications=True)
    PageSubscription.objects.create(
        page=page, user=moderator_lv, comment_notifications=True
    )
    client.force_login(moderator_lv)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            comment_form_data(page, "Vai virsraksts ir pareizs?"),
        )
        assert response.status_code == 302
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    [message] = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "Atjaunināti komentāri: Par ekopadomi"
    assert "Jānis Bērziņš atjaunināja komentārus lapā „Par ekopadomi”." in message.body
    assert "Jauni komentāri:\n - Vai virsraksts ir pareizs?" in message.body
    assert f"{BASE_URL}/admin/pages/{page.pk}/edit/" in message.body


def test_subscriber_who_switched_off_comment_mails_gets_nothing(
    client, editor, moderator_lv, page, django_capture_on_commit_callbacks
):
    set_profile(editor, updated_comments_notifications=False)
    PageSubscription.objects.create(page=page, user=editor, comment_notifications=True)
    client.force_login(moderator_lv)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            comment_form_data(page, "Vai virsraksts ir pareizs?"),
        )

    assert response.status_code == 302
    assert mail.outbox == []
    assert not OutboxMessage.objects.filter(to_email=editor.email).exists()
