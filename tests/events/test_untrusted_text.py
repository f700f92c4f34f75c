"""Text a visitor types into a registration is harmless wherever it shows again:
the public pages, the admin, the mails and the spreadsheet exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from events.models import Registration
from tests.events.conftest import registration_post

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
IMAGE = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://evil.example","Atvērt")'


def assert_harmless(html):
    assert SCRIPT not in html
    assert IMAGE not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


@pytest.fixture
def hostile_registration(
    client, workshop, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            workshop.url + "register/",
            registration_post(name=f"Anna {SCRIPT}", note=IMAGE, organisation=FORMULA),
            follow=True,
        )
    assert Registration.objects.filter(email="anna@example.com").exists()
    return response


def test_the_confirmation_page_shows_the_text_escaped(hostile_registration):
    assert_harmless(hostile_registration.content.decode())


def test_the_mails_show_the_text_escaped(hostile_registration, mailoutbox):
    assert mailoutbox
    for message in mailoutbox:
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                assert SCRIPT not in content and IMAGE not in content


def test_the_admin_list_shows_the_text_escaped(
    client, admin_user, hostile_registration
):
    client.force_login(admin_user)

    html = client.get(reverse("event_registrations:index")).content.decode()

    assert "Anna &lt;script&gt;" in html
    assert SCRIPT not in html


def test_exports_keep_the_text_and_neutralise_the_formula(
    client, admin_user, hostile_registration
):
    client.force_login(admin_user)
    url = reverse("event_registrations:index")

    csv_body = client.get(url, {"export": "csv"}).content.decode("utf-8-sig")
    xlsx_body = client.get(url, {"export": "xlsx"}).content

    rows = list(csv.reader(io.StringIO(csv_body), delimiter=";"))
    assert f"Anna {SCRIPT}" in rows[1]
    assert f"'{FORMULA}" in rows[1]
    assert FORMULA not in rows[1]
    sheet = load_workbook(io.BytesIO(xlsx_body)).active
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2))]
    assert f"'{FORMULA}" in values
