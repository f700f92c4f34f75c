"""The visitor's journey on the stack `make run` starts, from the hub's address.

Web, the mail and housekeeping workers and beat run from Procfile.dev on a
database that `load_demo` has just filled: SQLite, kombu's file-system broker and
mail as .eml files in the SQLite pass; PostgreSQL, Redis and an SMTP server in
the PostgreSQL pass. The test only does what a person does: it opens pages in
Chromium, reads the mail that arrives, and follows the links in it.
"""

import email
import html
import http.client
import re
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from email import policy

import psycopg
import pytest
import redis
from aiosmtpd.controller import Controller

from tests.conftest import REDIS_TEST_URL, on_postgres, require_service
from tests.processes import BIN_DIR, clean_environment, manage, running
from tests.test_run_stack import free_port

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

WORKSHOP = "Radošā darbnīca viesiem: kā taupīt ūdeni mājās"
WORKSHOP_PATH = "/pasakumi/radosa-darbnica-viesiem-ka-taupit-udeni-maja/"
MAIL_DEADLINE = 30  # seconds: what a person waits for a confirmation


class FolderMailbox:
    """The development mail backend's folder: one .eml file per message."""

    def __init__(self, folder):
        self.folder = folder

    def messages(self):
        if not self.folder.exists():
            return []
        return [
            email.message_from_bytes(path.read_bytes(), policy=policy.default)
            for path in sorted(self.folder.glob("*.eml"))
        ]


class SmtpMailbox:
    """An SMTP server on loopback keeping what it receives."""

    def __init__(self):
        self.received = []
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            email.message_from_bytes(envelope.content, policy=policy.default)
        )
        return "250 OK"

    def messages(self):
        return list(self.received)


def mails_to(mailbox, address):
    return [message for message in mailbox.messages() if address in message["To"]]


def wait_for_mail(mailbox, address, count=1, timeout=MAIL_DEADLINE):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(found := mails_to(mailbox, address)) >= count:
            return found
        time.sleep(0.25)
    raise AssertionError(f"{len(found)} of {count} mails to {address} in {timeout} s")


def text_of(message):
    return message.get_body(("plain",)).get_content()


@pytest.fixture(scope="module")
def postgres_database():
    """A database of the stack's own, made and dropped here (PostgreSQL pass)."""
    if not on_postgres():
        yield None
        return
    from django.conf import settings

    server = settings.DATABASES["default"]
    name = f"portal_journey_{uuid.uuid4().hex[:8]}"
    admin_url = (
        f"postgresql://{server['USER']}@{server['HOST'] or '127.0.0.1'}:"
        f"{server['PORT'] or 5432}/postgres"
    )
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def stack(tmp_path_factory, postgres_database):
    """`make run`'s processes on a freshly loaded demo; yields what a visitor has."""
    var_dir = tmp_path_factory.mktemp("var")
    port = free_port()
    settings = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PORTAL_VAR_DIR": var_dir,
        "WEB_PORT": port,
        "PORTAL_DEMO_PORT": port,
        # A hundred people register from this one machine's address.
        "EVENTS_SUBMISSIONS_PER_MINUTE": 1000,
    }
    smtp = None
    if postgres_database:
        require_service("Redis", REDIS_TEST_URL, 6379)
        redis.Redis.from_url(REDIS_TEST_URL).flushdb()
        smtp = SmtpMailbox()
        smtp.controller.start()
        settings |= {
            "DATABASE_URL": postgres_database,
            "REDIS_URL": REDIS_TEST_URL,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp.controller.port}",
        }
    env = clean_environment(**settings)
    for command in (("migrate", "--noinput"), ("load_demo",)):
        result = manage(*command, env=env, timeout=900)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    honcho = [str(BIN_DIR / "honcho"), "--procfile", "Procfile.dev", "start"]
    try:
        with running(honcho, env, ready_text="Quit the server with", timeout=120) as ps:
            ps.wait_for("mail@", timeout=120)
            ps.wait_for("housekeeping@", timeout=120)
            deadline = time.monotonic() + 120
            while ps.text.count(" ready.") < 2 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert ps.text.count(" ready.") >= 2, ps.text[-3000:]
            yield {
                "hub": f"http://127.0.0.1:{port}",
                "lit": f"http://lit.localhost:{port}",
                "mailbox": smtp or FolderMailbox(var_dir / "mail"),
                "var_dir": var_dir,
                "redis": postgres_database and REDIS_TEST_URL,
                "output": ps,
            }
    finally:
        if smtp is not None:
            smtp.controller.stop()


def queued_tasks(stack):
    if stack["redis"]:
        client = redis.Redis.from_url(stack["redis"])
        return sum(client.llen(queue) for queue in ("mail", "housekeeping"))
    return len(list((stack["var_dir"] / "celery" / "queue").glob("*.msg")))


def search_titles(stack, query):
    url = f"{stack['hub']}/search/?" + urllib.parse.urlencode({"query": query})
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (http)
        page = response.read().decode()
    return [
        html.unescape(title)
        for title in re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', page)
    ]


def test_load_demo_leaves_a_complete_search_index_and_no_queued_work(stack):
    assert queued_tasks(stack) == 0

    workshops = search_titles(stack, "darbnīca")
    assert len(workshops) >= 5, workshops
    assert all("darbnīca" in title.lower() for title in workshops[:5]), workshops
    assert "Izlietoto bateriju vākšanas nedēļas" in search_titles(stack, "bateriju")
    assert "Ūdens detektīvi" in search_titles(stack, "detektīvi")
    water = search_titles(stack, "ūdens")
    assert len(water) >= 5, water
    assert "Pasaules ūdens diena" in water


def seats_left(page, url):
    page.goto(url)
    return int(re.search(r"\d+", page.locator(".seats").inner_text()).group())


def fill_registration(page, name, address):
    page.locator("#id_name").fill(name)
    page.locator("#id_email").fill(address)
    page.locator("#id_organisation").fill("Daugavpils Saskaņas pamatskola")
    page.locator("#id_participants").fill("1")
    page.locator("#id_consent").check()
    page.locator("form.form button[type=submit]").click()


def register_over_http(event_url, number):
    """One person's registration as their browser sends it: page, cookie, form.

    *.localhost resolves to this machine in browsers, not in Python's resolver:
    the connection goes to 127.0.0.1 with the school's host name in `Host`.
    """
    url = urllib.parse.urlsplit(event_url)
    connection = http.client.HTTPConnection("127.0.0.1", url.port, timeout=120)
    try:
        connection.request("GET", url.path, headers={"Host": url.netloc})
        response = connection.getresponse()
        form_page = response.read().decode()
        cookie = response.getheader("Set-Cookie").split(";", 1)[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page)
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "name": f"Dalībnieks {number}",
                "email": f"dalibnieks-{number}@skola.example",
                "organisation": "Rēzeknes pamatskola",
                "participants": "1",
                "consent": "on",
                "website": "",
            }
        )
        connection.request(
            "POST",
            url.path + "register/",
            body=body,
            headers={
                "Host": url.netloc,
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


def test_a_visitor_registers_from_the_hub_gets_the_mail_and_cancels_by_its_link(
    stack, page
):
    mailbox, address = stack["mailbox"], f"anna-{uuid.uuid4().hex[:6]}@example.lv"
    event_url = stack["lit"] + WORKSHOP_PATH
    free_before = seats_left(page, event_url)

    page.goto(stack["hub"] + "/")
    page.get_by_role("link", name=WORKSHOP).first.click()
    page.wait_for_load_state()
    assert page.url == event_url
    fill_registration(page, "Anna Bērziņa", address)

    page.wait_for_selector(".personal-link")
    assert page.url.startswith(stack["lit"] + WORKSHOP_PATH + "registration/")
    [confirmation] = wait_for_mail(mailbox, address)
    assert WORKSHOP in confirmation["Subject"]
    assert seats_left(page, event_url) == free_before - 1

    personal_link = re.search(
        rf"{re.escape(event_url)}registration/[\w:-]+/", text_of(confirmation)
    ).group()
    page.goto(personal_link)
    page.locator("input[name=action][value=cancel] + button").click()
    page.wait_for_selector(".registration-status")
    assert seats_left(page, event_url) == free_before
    # The cancellation leaves through the same one-at-a-time mail queue after the
    # confirmation: once it is here, a second copy of the confirmation would be too.
    mails = wait_for_mail(mailbox, address, count=2)
    # A mail client shows the subject without the whitespace of header folding.
    assert sorted(message["Subject"].strip() for message in mails) == [
        f"Pieteikums apstiprināts: {WORKSHOP}",
        f"Pieteikums atcelts: {WORKSHOP}",
    ]

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda n: register_over_http(event_url, n), range(100)))
    assert {status for status, _location in answers} == {302}
    # The personal link of each, on the school's own host (or relative to it).
    assert all(
        urllib.parse.urljoin(event_url, location).startswith(
            event_url + "registration/"
        )
        for _status, location in answers
    ), answers[:3]

    latecomer = f"berzs-{uuid.uuid4().hex[:6]}@example.lv"
    page.goto(event_url)
    fill_registration(page, "Jānis Bērzs", latecomer)
    page.wait_for_selector(".personal-link")
    [waitlisted] = wait_for_mail(mailbox, latecomer)
    assert WORKSHOP in waitlisted["Subject"]
