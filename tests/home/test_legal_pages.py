import pytest
from django.test import override_settings

from home.demo import load_legal_pages

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def legal(network):
    load_legal_pages()


def test_every_site_has_an_accessibility_statement_linked_from_its_footer(
    client, legal
):
    hub_html = client.get("/").content.decode()
    school_html = client.get("/", HTTP_HOST="lit.localhost").content.decode()

    assert '<a href="/piekluestamiba/">Piekļūstamības paziņojums</a>' in hub_html
    assert '<a href="/piekluestamiba/">Piekļūstamības paziņojums</a>' in school_html
    statement = client.get("/piekluestamiba/", HTTP_HOST="lit.localhost")
    assert "Latgales Industriālais tehnikums vēlas" in statement.content.decode()


def test_accessibility_statement_follows_the_model_sections(client, legal):
    html = client.get("/en/accessibility/").content.decode()

    for heading in (
        "Compliance status",
        "Content that is not accessible",
        "Accessible alternatives",
        "Preparation of this statement",
        "Feedback and contacts",
        "Enforcement procedure",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "This website is partially compliant with EN 301 549" in html


@override_settings(
    PERSONAL_DATA_RETENTION_DAYS={
        "registrations": 120,
        "survey_invitations": 30,
        "story_submissions": 400,
    }
)
def test_privacy_notice_states_the_retention_the_clean_up_tasks_use(client, legal):
    latvian = client.get("/privatums/").content.decode()
    english = client.get("/en/privacy/").content.decode()

    assert "Anonimizē 120 dienas pēc pasākuma." in latvian
    assert "Anonymised 120 days after the event." in english
    assert "deleted 30 days after the survey closes" in english
    assert "removed 400 days after the story" in english


def test_forms_link_the_privacy_notice_in_the_visitors_language(client, legal):
    latvian = client.get("/privacy-notice/")
    english = client.get("/en/privacy-notice/")

    assert latvian.status_code == 302 and latvian.url == "/privatums/"
    assert english.status_code == 302 and english.url == "/en/privacy/"
