"""`make run`'s processes: web, worker and beat start together, stop on Ctrl-C."""

import socket
import urllib.request

from tests.processes import BIN_DIR, clean_environment, manage, running


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_portal_serves_the_demo_home_page_beside_a_worker_and_beat(tmp_path):
    port = free_port()
    env = clean_environment(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        PORTAL_VAR_DIR=tmp_path,
        WEB_PORT=port,
    )
    for command in (("migrate", "--noinput"), ("load_demo",)):
        result = manage(*command, env=env, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr

    honcho = [str(BIN_DIR / "honcho"), "--procfile", "Procfile.dev", "start"]
    with running(honcho, env, ready_text="Quit the server with", timeout=60) as stack:
        stack.wait_for("ready.", timeout=60)  # the worker
        stack.wait_for("beat: Starting", timeout=60)
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/", timeout=30
        ) as response:
            status, html = response.status, response.read().decode()

    assert status == 200
    assert "Ekoskolu tīkls" in html
    assert stack.process.returncode is not None, "Ctrl-C left the stack running"
