import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from surveys.models import ReportPage, SurveyAnswer, SurveyPage, SurveyResponse
from surveys.results import survey_results

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def demo(demo_network_once, db):
    """The demo network, shared by this module's tests."""


def test_demo_has_lits_water_review_with_about_120_answers(demo):
    survey = SurveyPage.objects.get(
        slug="vides-novertejuma-aptauja-2025", locale__language_code="lv"
    )

    responses = survey.get_submissions()
    assert responses.count() == 120
    assert set(responses.values_list("audience", flat=True)) == {
        "students",
        "teachers",
        "administration",
        "other",
    }
    results = survey_results(survey, public=True)
    assert results.previous_survey.school_year == "2024/2025"
    assert results.question("dripping_taps").has_previous
    assert [g.audience for g in results.hidden_groups] == ["other"]


def test_demo_report_is_published_with_charts_in_both_languages(client, demo):
    lv = client.get("/parskati/vides-novertejums-2025/", HTTP_HOST="lit.localhost")
    en = client.get("/en/reports/environmental-review-2025/", HTTP_HOST="lit.localhost")

    assert lv.status_code == en.status_code == 200
    assert lv.content.decode().count('class="bar-chart"') == 6
    english = en.content.decode()
    assert "Environmental review 2025: water at the college" in english
    assert "Tap water from my own bottle" in english
    assert ReportPage.objects.live().count() == 2


def test_loading_the_demo_again_changes_no_survey_data(demo):
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        SurveyResponse.objects.count(),
        SurveyAnswer.objects.count(),
    )

    call_command("load_demo", stdout=io.StringIO())

    assert (
        Page.objects.count(),
        Revision.objects.count(),
        SurveyResponse.objects.count(),
        SurveyAnswer.objects.count(),
    ) == counts


def test_english_survey_and_report_pages_have_english_addresses(demo):
    english = Page.objects.filter(locale__language_code="en")

    assert english.get(slug="environmental-review-2025").specific_class is ReportPage
    assert english.filter(slug="environmental-review-survey-2025").exists()
    assert not english.filter(slug__startswith="vides-novertejum").exists()


def test_sitemap_gives_published_results_their_language_alternates(client, demo):
    sitemap = client.get("/sitemap.xml", HTTP_HOST="lit.localhost").content.decode()

    results_lv = (
        "http://lit.localhost:8000/parskati/vides-novertejuma-aptauja-2025/results/"
    )
    results_en = (
        "http://lit.localhost:8000/en/reports/environmental-review-survey-2025/results/"
    )
    assert f"<loc>{results_lv}</loc>" in sitemap
    assert f'hreflang="en" href="{results_en}"' in sitemap
    assert f'hreflang="lv" href="{results_lv}"' in sitemap
