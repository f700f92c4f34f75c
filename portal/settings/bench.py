"""The benchmark (`make bench`): production settings plus the commands that
generate a network and list the pages it times. Not installed in production."""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "benchmark"]
