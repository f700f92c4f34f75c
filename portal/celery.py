"""The portal's Celery app: configured from Django settings under the CELERY_ prefix."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="portal.ping")
def ping(payload="pong"):
    """Answer with the payload: proves a broker, a worker and a result backend."""
    return {"payload": payload, "worker_pid": os.getpid()}
