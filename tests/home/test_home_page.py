import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def demo(demo_network_once, db):
    """The demo network, shared by this module's tests."""


def test_home_page_answers_in_latvian_at_the_root(client, demo):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="lv">' in html
    assert "<h1>Ekoskolu tīkls</h1>" in html


def test_english_home_page_answers_under_en(client, demo):
    response = client.get("/en/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Eco-Schools network</h1>" in html


def test_home_page_links_its_translation_with_hreflang(client, demo):
    html = client.get("/").content.decode()

    assert 'hreflang="en" href="http://testserver/en/"' in html
    assert 'hreflang="lv" href="http://testserver/"' in html


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
    )

    call_command("load_demo", stdout=io.StringIO())

    assert (
        Page.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
    ) == counts


def test_health_check_reports_a_working_database(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_check_answers_probes_that_use_an_internal_address(client, db, settings):
    settings.ALLOWED_HOSTS = ["ekoskolas.lv"]

    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
