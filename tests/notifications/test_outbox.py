"""The outbox: a row per mail, sent after commit, once, in the reader's language."""

from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications.models import OutboxMessage
from notifications.outbox import send_later, send_to_school_staff
from notifications.tasks import deliver_message, requeue_stale

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def write(key="k1", language="lv", **extra):
    return send_later(
        template="notifications/mail/message",
        to="anna@example.com",
        language=language,
        context={"subject": "Sveiki", "body": "Teksts"},
        key=key,
        **extra,
    )


def test_send_later_writes_a_pending_row_and_sends_nothing_before_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = write()

    assert OutboxMessage.objects.get().status == OutboxMessage.Status.PENDING
    assert message.to_email == "anna@example.com"
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_committed_row_is_sent_with_text_and_html(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = write()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None
    [sent] = mail.outbox
    assert sent.subject == "Sveiki"
    assert sent.to == ["anna@example.com"]
    assert "Teksts" in sent.body
    assert sent.alternatives[0].mimetype == "text/html"
    assert "<p>Teksts</p>" in sent.alternatives[0].content


def test_rolled_back_change_leaves_no_row_and_no_mail(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                write()
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass

    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_same_key_twice_writes_one_row_and_returns_none(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        first = write(key="confirm:1")
        second = write(key="confirm:1")

    assert first is not None
    assert second is None
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1


def test_mail_is_rendered_in_the_language_of_the_row(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        write(key="lv", language="lv")
        write(key="en", language="en")

    latvian, english = mail.outbox
    assert "Ekoskolu portāls" in latvian.body
    assert 'lang="lv"' in latvian.alternatives[0].content
    assert "Eco-Schools portal" in english.body
    assert 'lang="en"' in english.alternatives[0].content


def test_attachments_and_headers_travel_with_the_mail(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        write(
            attachments=[
                {
                    "filename": "event.ics",
                    "mimetype": "text/calendar",
                    "content": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                }
            ],
            headers={"List-Unsubscribe": "<https://example.com/u>"},
        )

    [sent] = mail.outbox
    assert sent.attachments[0][0] == "event.ics"
    assert sent.attachments[0][2] == "text/calendar"
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.com/u>"


def test_school_name_and_contact_are_in_the_mail(
    school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        write(school=school)

    assert "Latgales Industriālais tehnikums" in mail.outbox[0].body


def test_the_same_task_delivered_twice_sends_one_mail(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        message = write()

    assert deliver_message(message.pk) == "sent"
    assert deliver_message(message.pk) == "skipped"
    assert len(mail.outbox) == 1


class BrokenSMTP:
    """An e-mail backend whose server always hangs up."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


def test_smtp_failure_is_retried_then_recorded_and_reported_to_staff(
    school, staff, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.BrokenSMTP"
    # Eager retries run inline; a worker would not re-raise them to the caller.
    monkeypatch.setitem(deliver_message.app.conf, "task_eager_propagates", False)
    with django_capture_on_commit_callbacks(execute=False):
        message = write(school=school)

    with django_capture_on_commit_callbacks(execute=False) as notices:
        deliver_message.apply(args=[message.pk], throw=False)

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == deliver_message.max_retries + 1
    assert "Connection unexpectedly closed" in message.error
    notices_rows = OutboxMessage.objects.filter(key__startswith="delivery-failed:")
    assert sorted(notices_rows.values_list("to_email", flat=True)) == [
        "editor@lit.example",
        "moderator@lit.example",
    ]
    assert len(notices) == 2


def test_staff_mails_go_to_every_editor_and_moderator_in_their_language(
    school, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rows = send_to_school_staff(
            school,
            template="notifications/mail/message",
            context={"subject": "Jauns stāsts", "body": "Pārbaudiet"},
            key="story:7",
        )

    assert {(row.to_email, row.language) for row in rows} == {
        ("editor@lit.example", "en"),
        ("moderator@lit.example", "lv"),
    }
    assert len(mail.outbox) == 2


def test_staff_mails_can_go_to_moderators_only(
    school, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rows = send_to_school_staff(
            school,
            template="notifications/mail/message",
            context={"subject": "S", "body": "B"},
            key="story:8",
            moderators_only=True,
        )

    assert [row.to_email for row in rows] == ["moderator@lit.example"]


def test_inactive_staff_get_no_mail(school, staff, django_capture_on_commit_callbacks):
    editor, moderator = staff
    moderator.is_active = False
    moderator.save()

    with django_capture_on_commit_callbacks(execute=True):
        rows = send_to_school_staff(
            school,
            template="notifications/mail/message",
            context={"subject": "S", "body": "B"},
            key="story:9",
        )

    assert [row.to_email for row in rows] == ["editor@lit.example"]


def test_sweep_requeues_rows_pending_for_minutes_and_they_are_sent(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        message = write()

    assert requeue_stale() == 0
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=6)):
        assert requeue_stale() == 1

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1


def test_sweep_leaves_a_row_waiting_in_the_queue_where_it_is(
    django_capture_on_commit_callbacks, monkeypatch
):
    # The broker took the task; the worker has not reached it yet.
    monkeypatch.setattr(deliver_message, "delay", lambda message_id: None)
    with django_capture_on_commit_callbacks(execute=True):
        message = write()
    message.refresh_from_db()
    assert message.queued_at is not None

    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=30)):
        assert requeue_stale() == 0
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=70)):
        # Overdue by more than the broker keeps a task: taken as lost.
        assert requeue_stale() == 1


def test_sweep_waits_out_a_rows_smtp_backoff(settings, monkeypatch):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.BrokenSMTP"
    monkeypatch.setitem(deliver_message.app.conf, "task_eager_propagates", False)
    message = write()
    retried = []

    class Retry(Exception):
        pass

    def retry(**kwargs):
        retried.append(kwargs)
        return Retry()

    monkeypatch.setattr(deliver_message, "retry", retry)

    with pytest.raises(Retry):
        deliver_message.run(message.pk)

    message.refresh_from_db()
    [retry] = retried
    assert message.status == OutboxMessage.Status.PENDING
    assert message.next_attempt_at >= message.queued_at
    due = message.next_attempt_at
    with time_machine.travel(due + timezone.timedelta(minutes=30)):
        assert requeue_stale() == 0
    with time_machine.travel(due + timezone.timedelta(minutes=66)):
        assert requeue_stale() == 1


def test_mail_is_routed_to_its_own_queue_and_housekeeping_to_another():
    from portal.celery import app

    router = app.amqp.router
    mail_route = router.route({}, "notifications.tasks.deliver_message")
    index_route = router.route({}, "portal.tasks_backend.run_django_task")

    assert mail_route["queue"].name == "mail"
    assert index_route["queue"].name == "housekeeping"


def test_sweep_leaves_sent_and_failed_rows_alone(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        write(key="a")
    OutboxMessage.objects.create(
        key="b", template="t", to_email="b@example.com", status="failed"
    )

    with time_machine.travel(timezone.now() + timezone.timedelta(hours=1)):
        assert requeue_stale() == 0
