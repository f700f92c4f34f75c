"""Mail through a real Celery worker, real Redis and a real SMTP server.

The web side (this test process) writes registrations to the test database and
queues delivery on Redis; a worker process started here with the same database
delivers to an aiosmtpd server listening on a free loopback port.
"""

import email
import socket
import time
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from events import services
from notifications.models import OutboxMessage
from notifications.tasks import deliver_message, requeue_stale
from portal.celery import app
from tests.processes import celery_worker, clean_environment

pytestmark = [
    pytest.mark.integration,
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
]


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=policy.default)
        )
        return "250 OK"

    def wait_for(self, count, timeout=60, to=None):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.messages if to is None or m["To"] == to]
            if len(found) >= count:
                return found
            time.sleep(0.2)
        raise AssertionError(f"{len(found)} of {count} mails arrived")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def broker(redis_url, monkeypatch):
    """Point this process's Celery at `url`: real queues, no eager execution."""

    def use(url):
        monkeypatch.setitem(app.conf, "task_always_eager", False)
        monkeypatch.setitem(app.conf, "broker_url", url)
        monkeypatch.setitem(app.conf, "broker_connection_max_retries", 1)
        monkeypatch.setitem(
            app.conf,
            "task_publish_retry_policy",
            {"max_retries": 1, "interval_start": 0},
        )
        reset_connections()

    use(redis_url)
    yield use
    monkeypatch.undo()
    reset_connections()


def reset_connections():
    """Forget the pooled broker connections so the next publish uses the new URL.

    Not force_close_all(): kombu keeps pools per URL process-wide, and a closed
    one would be handed out again.
    """
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker(smtp_sink, redis_url, tmp_path):
    sink, port = smtp_sink
    env = clean_environment(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        PORTAL_VAR_DIR=tmp_path,
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url,
        CELERY_TASK_ALWAYS_EAGER="false",
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        DEBUG="false",
    )
    with celery_worker(env) as process:
        yield process


def register(page, address="anna@example.com"):
    return services.register(
        page,
        services.RegistrationData(
            name="Anna Bērziņa",
            email=address,
            organisation="Saskaņas pamatskola",
            participants=2,
            language=page.locale.language_code,
        ),
    )


def confirmations(sink, address="anna@example.com"):
    return [m for m in sink.messages if m["To"] == address]


def test_worker_sends_the_confirmation_with_its_ics_in_english(
    workshop_en, smtp_sink, broker, worker
):
    sink, _port = smtp_sink
    registration = register(workshop_en)

    sink.wait_for(2)  # the registrant's confirmation and the organiser's notice
    [mail] = confirmations(sink)
    assert "Creative workshop for guests" in mail["Subject"]
    assert "Eco-Schools portal" in mail.get_body(("plain",)).get_content()
    assert mail.get_body(("html",)) is not None
    [ics] = list(mail.iter_attachments())
    assert ics.get_content_type() == "text/calendar"
    assert workshop_en.uid in ics.get_content()
    row = OutboxMessage.objects.get(key=f"confirmed:{registration.pk}")
    assert row.status == "sent"


def test_registering_while_the_broker_is_down_sends_once_it_is_back(
    workshop, smtp_sink, broker, worker, redis_url
):
    sink, _port = smtp_sink
    broker("redis://127.0.0.1:1/0")  # nothing listens there
    registration = register(workshop)
    row = OutboxMessage.objects.get(key=f"confirmed:{registration.pk}")
    assert row.status == "pending"
    registration.refresh_from_db()
    assert registration.status == "confirmed"

    broker(redis_url)
    # The rows never reached the broker; the sweep takes them a minute later.
    assert not OutboxMessage.objects.filter(queued_at__isnull=False).exists()
    OutboxMessage.objects.update(
        created_at=timezone.now() - timezone.timedelta(minutes=2)
    )
    assert requeue_stale() == 2
    sink.wait_for(2)
    # A later registration's mail leaves through the same mail queue, first in
    # first out: once it is here, a duplicate of Anna's would be here too.
    register(workshop, "janis@example.com")
    sink.wait_for(1, to="janis@example.com")
    assert requeue_stale() == 0

    assert len(confirmations(sink)) == 1
    row.refresh_from_db()
    assert row.status == "sent"


def test_the_same_task_delivered_twice_sends_one_mail(
    workshop, smtp_sink, broker, worker, redis_url
):
    sink, _port = smtp_sink
    broker("redis://127.0.0.1:1/0")
    registration = register(workshop)
    row = OutboxMessage.objects.get(key=f"confirmed:{registration.pk}")
    broker(redis_url)

    deliver_message.delay(row.pk)
    deliver_message.delay(row.pk)
    # Other tasks (search index, other mails) log too: wait for the outcome itself.
    worker.wait_for("'skipped'", timeout=60)

    assert len(confirmations(sink)) == 1
