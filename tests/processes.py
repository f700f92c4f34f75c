"""Running the portal's own commands as real processes, the way operators do."""

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BIN_DIR = Path(sys.executable).parent

# Variables of the developer's shell that would leak into a "clean" environment.
PORTAL_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "PORTAL_VAR_DIR",
    # Set while Playwright runs (tests/conftest.py); Django's deploy check refuses it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def clean_environment(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in PORTAL_VARIABLES}
    env["PATH"] = f"{BIN_DIR}{os.pathsep}{env.get('PATH', '')}"
    env.update({k: str(v) for k, v in overrides.items() if v is not None})
    return env


def run_python(code, env, timeout=60):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def manage(*args, env, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class OutputWatcher:
    """Collects a process's output in a thread so waiting never blocks on a pipe."""

    def __init__(self, process):
        self.process = process
        self.lines = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    def close(self):
        self._thread.join(timeout=5)
        self.process.stdout.close()

    @property
    def text(self):
        return "".join(self.lines)

    def wait_for(self, needle, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.text:
                return True
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(
            f"{needle!r} did not appear within {timeout}s; output:\n{self.text[-4000:]}"
        )


@contextmanager
def running(command, env, ready_text, timeout=60):
    """Start a long-running process, wait for `ready_text`, stop it afterwards."""
    process = subprocess.Popen(
        command,
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    watcher = OutputWatcher(process)
    try:
        watcher.wait_for(ready_text, timeout)
        yield watcher
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 2)  # SIGINT, as Ctrl-C would
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
        watcher.close()


def celery_worker(env):
    """One worker for both queues, as a portal with a single worker runs it."""
    from django.conf import settings

    queues = (settings.CELERY_MAIL_QUEUE, settings.CELERY_TASK_DEFAULT_QUEUE)
    return running(
        [
            str(BIN_DIR / "celery"),
            "-A",
            "portal",
            "worker",
            f"--queues={','.join(queues)}",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=env,
        ready_text="ready.",
    )
