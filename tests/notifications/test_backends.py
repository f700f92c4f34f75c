"""Wagtail's tasks and wagtail-localize's jobs go through Celery after commit."""

import pytest
from django.db import transaction
from django_tasks import task
from wagtail.models import Locale

from portal.tasks_backend import CeleryJobBackend, CeleryTaskBackend

pytestmark = pytest.mark.django_db

CALLS = []


@task()
def record(value):
    CALLS.append(value)


def remember_locale(locale, *, note):
    CALLS.append((locale.language_code, note))


@pytest.fixture(autouse=True)
def _clear():
    CALLS.clear()


def test_django_task_runs_in_celery_only_after_commit(
    django_capture_on_commit_callbacks,
):
    backend = CeleryTaskBackend("default", {})
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        result = backend.enqueue(record, ["kept"], {})
        assert CALLS == []

    assert CALLS == ["kept"]
    assert result.status == "READY"


def test_localize_job_travels_with_model_instances_as_ids(
    django_capture_on_commit_callbacks,
):
    english, _created = Locale.objects.get_or_create(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        CeleryJobBackend({}).enqueue(remember_locale, [english], {"note": "sync"})

    assert CALLS == [("en", "sync")]


def remember_type(value):
    CALLS.append(type(value).__name__)


def test_localize_job_with_unqueueable_arguments_runs_at_once_in_process():
    with transaction.atomic():
        CeleryJobBackend({}).enqueue(remember_type, [object()], {})
        assert CALLS == ["object"]
