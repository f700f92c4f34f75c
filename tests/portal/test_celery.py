"""A task makes a real round trip: client process, broker, worker process, results."""

import json

import pytest

from tests.processes import celery_worker, clean_environment, run_python

SEND_PING = """
import json, django
django.setup()
from portal.celery import ping
result = ping.delay("labdien").get(timeout=30)
print(json.dumps(result))
"""


def round_trip(env):
    with celery_worker(env) as worker:
        result = run_python(SEND_PING, env)
        assert result.returncode == 0, result.stderr + worker.text[-3000:]
        answer = json.loads(result.stdout.strip().splitlines()[-1])
        worker.wait_for("portal.ping", timeout=10)
        return answer, worker


def test_ping_round_trip_through_the_embedded_file_system_broker(tmp_path):
    env = clean_environment(
        DJANGO_SETTINGS_MODULE="portal.settings.dev", PORTAL_VAR_DIR=tmp_path
    )

    answer, worker = round_trip(env)

    assert answer["payload"] == "labdien"
    assert "succeeded" in worker.text
    assert (tmp_path / "celery" / "results").is_dir()


@pytest.mark.integration
def test_ping_round_trip_through_redis_with_a_real_worker(tmp_path, redis_url):
    env = clean_environment(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        PORTAL_VAR_DIR=tmp_path,
        REDIS_URL=redis_url,
    )

    answer, worker = round_trip(env)

    assert answer["payload"] == "labdien"
    assert f"redis://127.0.0.1:6379/{redis_url.rsplit('/', 1)[-1]}" in worker.text
    # The file-system broker was not used.
    assert not (tmp_path / "celery" / "queue").exists()
