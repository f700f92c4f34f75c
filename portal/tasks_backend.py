"""Background work of Wagtail and wagtail-localize, run by the portal's Celery workers.

Wagtail 8 enqueues its own tasks (reference index, file clean-up...) through
django-tasks, and wagtail-localize enqueues its jobs (tree sync, subtree
translation) through its `WAGTAILLOCALIZE_JOBS` backend. Neither ships a Celery
backend, and the `django-tasks-celery` package could not be installed for the
django-tasks 0.12 that Wagtail pins, so these two small adapters hand both to the
same Celery queue as the portal's own tasks. They can go when Wagtail or
wagtail-localize ship a Celery backend.
"""

import logging

from celery import shared_task
from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

from home.background import runs_in_process

logger = logging.getLogger(__name__)


def _run_here(function, args, kwargs):
    """Run background work in this process; a failure is logged, as a worker would.

    (An index update for a row deleted later in the same command fails, say.)
    """
    try:
        function(*args, **kwargs)
    except ObjectDoesNotExist as gone:
        logger.info("Background work on a row deleted since: %s", gone)
    except Exception:
        logger.warning("Background work %s failed", function, exc_info=True)


class CeleryTaskBackend(BaseTaskBackend):
    """A django-tasks backend that runs each task in a Celery worker after commit.

    django-tasks only accepts JSON-serialisable arguments, which is what
    Celery's JSON serialiser needs too. Results are not kept.
    """

    supports_defer = False
    supports_get_result = False

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        path = task.module_path
        queued_args, queued_kwargs = list(args), dict(kwargs)
        if runs_in_process():
            transaction.on_commit(
                lambda: _run_here(task.call, queued_args, queued_kwargs)
            )
        else:
            transaction.on_commit(
                lambda: run_django_task.delay(path, queued_args, queued_kwargs)
            )
        return result


@shared_task
def run_django_task(module_path, args, kwargs):
    """Run one django-tasks Task by its dotted path (the object the decorator made)."""
    task = import_string(module_path)
    return task.call(*args, **kwargs)


def _encode(value):
    if isinstance(value, models.Model):
        return {"__model__": value._meta.label, "pk": value.pk}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"{type(value).__name__} cannot travel through the queue")


def _decode(value):
    if isinstance(value, dict) and "__model__" in value:
        model = apps.get_model(value["__model__"])
        return model._default_manager.get(pk=value["pk"])
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        return {key: _decode(item) for key, item in value.items()}
    return value


class CeleryJobBackend:
    """wagtail-localize's job backend on Celery: model instances travel as ids.

    A job whose arguments hold something else (the subtree translation passes its
    bound component forms) runs at once in the request, as wagtail-localize's own
    default backend does. It does not subclass wagtail_localize.tasks'
    BaseJobBackend: that module builds its backend while it is imported.
    """

    def __init__(self, options):
        self.options = options

    def enqueue(self, func, args, kwargs):
        if runs_in_process():
            transaction.on_commit(lambda: _run_here(func, args, kwargs))
            return
        try:
            payload = (_encode(list(args)), _encode(dict(kwargs)))
        except TypeError as error:
            logger.info("Running %s in process: %s", func.__name__, error)
            func(*args, **kwargs)
            return
        path = f"{func.__module__}.{func.__qualname__}"
        transaction.on_commit(lambda: run_localize_job.delay(path, *payload))


@shared_task
def run_localize_job(function_path, args, kwargs):
    function = import_string(function_path)
    function(*_decode(args), **_decode(kwargs))
