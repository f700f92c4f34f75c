"""The production shape: docker compose accepts the file and it has every service."""

import shutil
import subprocess

import pytest
import yaml

from tests.conftest import IN_CI
from tests.processes import PROJECT_DIR


@pytest.fixture
def compose(tmp_path):
    binary = shutil.which("docker-compose")
    if binary is None:
        message = "docker-compose is not installed (make system-deps installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    for name in ("docker-compose.yml", "Dockerfile"):
        shutil.copy(PROJECT_DIR / name, tmp_path / name)
    # The file an operator creates from deploy/production.env.example.
    shutil.copy(
        PROJECT_DIR / "deploy/production.env.example", tmp_path / "production.env"
    )

    def run(*args):
        return subprocess.run(
            [binary, "--file", "docker-compose.yml", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    return run


def test_compose_accepts_the_production_file(compose):
    result = compose("config", "--quiet")

    assert result.returncode == 0, result.stderr


def test_compose_runs_every_production_service_with_named_volumes(compose):
    services = set(compose("config", "--services").stdout.split())
    volumes = set(compose("config", "--volumes").stdout.split())

    assert {
        "postgres",
        "redis",
        "web",
        "worker",
        "worker-mail",
        "beat",
        "mailpit",
    } <= services
    assert {"postgres-data", "media"} <= volumes


def test_every_long_running_service_but_beat_has_a_health_check(compose):
    services = yaml.safe_load(compose("config").stdout)["services"]

    for name in ("postgres", "redis", "web", "worker", "worker-mail", "mailpit"):
        assert services[name]["healthcheck"]["test"], f"{name} has no health check"
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )


def test_mail_has_a_worker_of_its_own_beside_the_housekeeping_one(compose):
    services = yaml.safe_load(compose("config").stdout)["services"]

    assert "--queues=mail" in services["worker-mail"]["command"]
    assert "--queues=housekeeping" in services["worker"]["command"]
