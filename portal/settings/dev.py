"""One machine, no services needed: `make run` uses these."""

import contextlib

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str(
    "SECRET_KEY", default="dev-only-key-never-used-in-production-0123456789abcdef"
)
# *.localhost resolves to this machine in browsers: each school answers on its
# own SLUG.localhost:8000 hostname.
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", ".localhost"]
)

# An untracked local.py may override anything for one developer's machine.
with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
