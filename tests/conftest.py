"""Shared fixtures and the rules that decide which tests run in which pass.

`make test` runs the suite twice: on SQLite (everything except tests marked
postgres_only) and on PostgreSQL (tests marked postgres or postgres_only). Tests
that need a real service fail when it is missing under CI=true, and skip with the
reason outside CI.
"""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
from wagtail.coreutils import get_dummy_request
from wagtail.test.utils import WagtailPageTestCase

from tests.factories import HubFactory, SchoolFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/lib/chromium/chromium")
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def reachable(url, default_port):
    parts = urlparse(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), timeout=2
        ):
            return True
    except OSError:
        return False


def require_service(name, url, default_port):
    if reachable(url, default_port):
        return
    message = f"{name} is not reachable at {url}"
    if IN_CI:
        pytest.fail(f"{message} (CI=true: the CI machine must provide it)")
    pytest.skip(f"{message}; start it to run this test")


def on_postgres():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pytest_itemcollected(item):
    # Tests with real services share one Redis queue: under pytest-xdist they run
    # on the same worker, one after another (make test uses --dist loadgroup).
    # Tests that read the demo share one load of it on one worker (DemoSpan).
    # Marked here, as each test is collected: pytest-xdist reads the groups in
    # its own pytest_collection_modifyitems, which may run before this file's.
    if item.get_closest_marker("integration"):
        item.add_marker(pytest.mark.xdist_group("services"))
    elif reads_the_demo(item):
        item.add_marker(pytest.mark.xdist_group(DEMO_GROUP))


def pytest_collection_modifyitems(config, items):
    keep_groups_together(config, items)
    if on_postgres():
        url = os.environ.get("DATABASE_URL", "")
        if not reachable(url, 5432):
            if IN_CI:
                raise pytest.UsageError(
                    f"PostgreSQL is not reachable at {url}; CI=true needs it."
                )
            skip = pytest.mark.skip(reason=f"PostgreSQL is not reachable at {url}")
            for item in items:
                item.add_marker(skip)
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgres_only") else selected).append(
            item
        )
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


DEMO_GROUP = "demo"


class DemoSpan:
    """The demo network, loaded once for a run of tests that read it.

    Loading the demo takes about a minute. Every test that asks for
    `demo_network_once` goes to one pytest worker, one after another (the "demo"
    xdist group), where the demo is loaded once inside a transaction that stays
    open until the last of them ends; each test runs in its own savepoint inside
    it. Not for tests with transaction=True, which cannot run inside it.
    """

    def __init__(self):
        self.transaction = None
        self.blocker = None

    def open(self, django_db_blocker):
        if self.transaction is not None:
            return
        import io

        from django.core.management import call_command
        from django.db import transaction
        from django.test import TestCase

        self.blocker = django_db_blocker
        self.blocker.unblock()
        self.transaction = transaction.atomic()
        self.transaction.__enter__()
        ensure_tree_roots()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=io.StringIO())

    def close(self):
        if self.transaction is None:
            return
        from django.db import transaction

        transaction.set_rollback(True)
        self.transaction.__exit__(None, None, None)
        self.transaction = None
        self.blocker.restore()


DEMO_SPAN = DemoSpan()


def reads_the_demo(item):
    return item is not None and "demo_network_once" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="module")
def demo_network_once(django_db_setup, django_db_blocker):
    # Module scope sets it up before the test's own transaction; the span closes
    # in pytest_runtest_teardown, not here, so the next module keeps it.
    DEMO_SPAN.open(django_db_blocker)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # The span ends after the last test of the run that reads the demo.
    try:
        return (yield)
    finally:
        if not reads_the_demo(nextitem):
            DEMO_SPAN.close()


def keep_groups_together(config, items):
    """Give grouped tests the "@group" node id suffix pytest-xdist schedules by.

    pytest-xdist 3.8 sets it on `item._nodeid`, which pytest 9.2 no longer reads
    (node ids live in `item._id`), so its --dist loadgroup would spread a group
    over every worker.
    """
    if not getattr(config.option, "loadgroup", False):
        return
    from _pytest.nodeid import NodeId

    for item in items:
        groups = sorted({mark.args[0] for mark in item.iter_markers("xdist_group")})
        if groups and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")


@pytest.fixture(autouse=True)
def _tree_roots_after_a_flush(request):
    """Put back the roots and vocabularies when an earlier test flushed them.

    A transactional test (browser tests, real workers) empties every table when
    it ends; a test after it on the same pytest worker would find no page root.
    """
    # Wagtail keeps the form page types' content type ids, which a flush renews.
    from wagtail.contrib.forms.utils import get_form_types

    get_form_types.cache_clear()
    marker = request.node.get_closest_marker("django_db")
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if marker is None and not uses_db:
        return
    transactional = bool(marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None or not Locale.objects.exists():
        ensure_tree_roots()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache.

    Pages are cached for anonymous visitors; a page an earlier test cached, from
    rows since rolled back, must not be served to the next one.
    """
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Latvian, as the portal does.

    A request through the test client leaves its language active in the thread;
    a command or a form the next test runs would speak English after /en/ pages.
    """
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def redis_url():
    require_service("Redis", REDIS_TEST_URL, 6379)
    return REDIS_TEST_URL


def ensure_tree_roots():
    """Put back what migrations create, after a transactional test flushed it.

    A flush empties every table; Django recreates content types and permissions,
    but not the rows data migrations made: the page and collection roots and the
    shared vocabularies. (serialized_rollback would restore them, but it also stops
    Django from recreating the permissions, and did not restore the rows here.)
    """
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import Collection, Locale, Page

    locale, _created = Locale.objects.get_or_create(language_code="lv")
    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    vocabularies = import_module("home.migrations.0002_themes_and_goals")
    vocabularies.create_vocabularies(apps, None)
    # Two permissions exist only through migrations, on content types of no model.
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    for app_label, model, codename, name in (
        ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        (
            "wagtail_localize",
            "translation",
            "submit_translation",
            "Can submit translations",
        ),
    ):
        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )


@pytest.fixture
def hub(db):
    """The network's home page in both languages, the default site's root."""
    return HubFactory()


LIT = {"title": "Latgales Industriālais tehnikums", "slug": "lit"}
LVT = {"title": "Liepājas Valsts tehnikums", "slug": "lvt", "city": "Liepāja"}


@pytest.fixture
def school(hub):
    """LIT, a member school under the hub's address (no site of its own)."""
    return SchoolFactory(**LIT, hostname=None)


@pytest.fixture
def other_school(school):
    """LVT, a second member school under the hub's address."""
    return SchoolFactory(**LVT, hostname=None)


@pytest.fixture
def network(hub):
    """The hub and two member schools, each on its own host (lit.localhost,
    lvt.localhost) with its groups, collection and site."""
    return {"lit": SchoolFactory(**LIT), "lvt": SchoolFactory(**LVT)}


@pytest.fixture
def wagtail_tests(client):
    """Wagtail's own page assertions (WagtailPageTestCase), for pytest tests."""
    checks = WagtailPageTestCase()
    checks.client = client
    checks.dummy_request = get_dummy_request()
    return checks


@pytest.fixture
def make_member(db):
    """A user in a school's editors or moderators group."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    def make(username, group_name):
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.lv", password="parole-123"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture(scope="session")
def playwright(playwright):
    """Playwright, with Django's ORM allowed beside its event loop.

    Playwright's sync API runs an event loop in the test thread from its start to
    the end of the session; Django refuses ORM calls while one runs, though the
    tests' calls (and the flush after each browser test) are synchronous ones.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield playwright


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = f"Chromium is not installed at {CHROMIUM} (make system-deps)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        # Root in a container needs --no-sandbox; the rest keeps Chromium from
        # calling home on a machine without internet.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
