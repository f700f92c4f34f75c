"""Background work run in the process that makes it, for bulk commands.

The task backends (portal/tasks_backend.py) read this switch; commands of the
apps, such as load_demo, turn it on without knowing how tasks are queued.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from celery import current_app

_in_process = ContextVar("background_work_in_process", default=False)


def runs_in_process():
    """Whether tasks queued now run here, after commit, instead of in a worker."""
    return _in_process.get()


@contextmanager
def background_work_in_process():
    """Run Wagtail's, wagtail-localize's and the portal's tasks here, after commit.

    For bulk work such as loading the demo: thousands of index updates are cheaper
    in the process that makes them than as queued tasks, and the content is
    complete (searchable, its references indexed) when the command ends.
    """
    token = _in_process.set(True)
    was_eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    try:
        yield
    finally:
        current_app.conf.task_always_eager = was_eager
        _in_process.reset(token)
