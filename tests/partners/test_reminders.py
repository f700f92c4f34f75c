"""Editors are reminded, once per threshold, before a partner agreement expires."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import translation
from wagtail.users.models import UserProfile

from partners.models import PartnerIndexPage, PartnerPage
from partners.tasks import remind_expiring_agreements
from tests.network import publish, staff_member

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

VALID_UNTIL = datetime.date(2026, 12, 31)


def at(day):
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(8, 0)), tick=False
    )


@pytest.fixture
def agreement(lit):
    index = PartnerIndexPage.objects.child_of(lit).get()
    return publish(
        index,
        PartnerPage(
            title='SIA "Rīgas ūdens"',
            slug="rigas-udens",
            kind=PartnerPage.Kind.COMPANY,
            agreement_status=PartnerPage.AgreementStatus.SIGNED,
            date_signed=datetime.date(2025, 11, 14),
            valid_until=VALID_UNTIL,
        ),
    )


@pytest.fixture
def editor(lit):
    return staff_member(lit, "editor", email="redaktore@lit.example")


def run(capture):
    with capture(execute=True):
        remind_expiring_agreements()


def subject(days, language="lv"):
    with translation.override(language):
        return translation.gettext(
            "The agreement with %(partner)s ends in %(days_left)s days"
        ) % {"partner": 'SIA "Rīgas ūdens"', "days_left": days}


def test_staff_are_reminded_when_the_agreement_is_sixty_days_from_its_end(
    agreement, editor, django_capture_on_commit_callbacks
):
    with at(VALID_UNTIL - datetime.timedelta(days=60)):
        run(django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.to == ["redaktore@lit.example"]
    assert message.subject == subject(60)
    assert "31.12.2026" in message.body
    assert f"/admin/pages/{agreement.pk}/edit/" in message.body


def test_no_reminder_earlier_than_the_threshold(
    agreement, editor, django_capture_on_commit_callbacks
):
    with at(VALID_UNTIL - datetime.timedelta(days=61)):
        run(django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_staff_are_reminded_only_once_per_agreement(
    agreement, editor, django_capture_on_commit_callbacks
):
    with at(VALID_UNTIL - datetime.timedelta(days=60)):
        run(django_capture_on_commit_callbacks)
    with at(VALID_UNTIL - datetime.timedelta(days=59)):
        run(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1


def test_a_second_threshold_sends_a_second_reminder(
    agreement, editor, settings, django_capture_on_commit_callbacks
):
    settings.PARTNERS_AGREEMENT_REMINDER_DAYS = [60, 14]
    with at(VALID_UNTIL - datetime.timedelta(days=50)):
        run(django_capture_on_commit_callbacks)
    with at(VALID_UNTIL - datetime.timedelta(days=14)):
        run(django_capture_on_commit_callbacks)
    with at(VALID_UNTIL - datetime.timedelta(days=10)):
        run(django_capture_on_commit_callbacks)

    assert [m.subject for m in mail.outbox] == [subject(50), subject(14)]


def test_a_renewed_agreement_is_reminded_again_before_its_new_end(
    agreement, editor, django_capture_on_commit_callbacks
):
    with at(VALID_UNTIL - datetime.timedelta(days=60)):
        run(django_capture_on_commit_callbacks)
    agreement.valid_until = datetime.date(2027, 12, 31)
    agreement.save_revision().publish()

    with at(datetime.date(2027, 12, 31) - datetime.timedelta(days=30)):
        run(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 2


def test_ended_or_planned_agreements_are_not_reminded(
    agreement, editor, django_capture_on_commit_callbacks
):
    agreement.agreement_status = PartnerPage.AgreementStatus.ENDED
    agreement.save_revision().publish()

    with at(VALID_UNTIL - datetime.timedelta(days=30)):
        run(django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_reminder_is_written_in_the_editors_admin_language(
    agreement, editor, django_capture_on_commit_callbacks
):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()

    with at(VALID_UNTIL - datetime.timedelta(days=60)):
        run(django_capture_on_commit_callbacks)

    assert (
        mail.outbox[0].subject == 'The agreement with SIA "Rīgas ūdens" ends in 60 days'
    )


def test_reminders_run_daily_from_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["partners-remind-expiring-agreements"]

    assert entry["task"] == "partners.tasks.remind_expiring_agreements"
