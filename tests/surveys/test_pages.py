from decimal import Decimal

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale

from home.models import SchoolPage
from surveys.blocks import SurveyChartBlock
from surveys.models import ReportIndexPage, ReportPage, SurveyPage

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_page_types_sit_only_where_they_belong(wagtail_tests):
    wagtail_tests.assertAllowedParentPageTypes(ReportIndexPage, {SchoolPage})
    wagtail_tests.assertAllowedSubpageTypes(ReportIndexPage, {SurveyPage, ReportPage})
    wagtail_tests.assertAllowedParentPageTypes(SurveyPage, {ReportIndexPage})
    wagtail_tests.assertAllowedSubpageTypes(SurveyPage, set())
    wagtail_tests.assertAllowedParentPageTypes(ReportPage, {ReportIndexPage})
    wagtail_tests.assertAllowedSubpageTypes(ReportPage, set())


def test_every_school_gets_its_reports_section_in_both_languages(school):
    lv = ReportIndexPage.objects.child_of(school).get()
    en = lv.get_translation(Locale.objects.get(language_code="en"))

    assert (lv.title, lv.slug) == ("Pārskati", "parskati")
    assert (en.title, en.slug) == ("Reports", "reports")
    assert not ReportIndexPage.can_create_at(school)


def test_english_reports_section_answers_on_the_school_site(client, school):
    response = client.get("/en/reports/", HTTP_HOST="lit.localhost")

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.fixture
def report(reports, survey, answer):
    for audience in ["students"] * 5:
        answer(
            survey,
            audience,
            dripping_taps="yes",
            drinking_water="1",
            rainwater_use=["1"],
            tap_water_trust=5,
        )
    survey.results_published = True
    survey.save_revision().publish()
    page = ReportPage(
        title="Vides novērtējums 2025",
        slug="vides-novertejums-2025",
        action_plan_year="2025/2026",
        body=[
            (
                "survey_chart",
                {"survey": survey, "question_key": "dripping_taps", "caption": ""},
            ),
            (
                "table_chart",
                {
                    "title": "Ūdens patēriņš",
                    "description": "",
                    "unit": "m³",
                    "rows": [{"label": "2025", "value": Decimal("4870")}],
                },
            ),
        ],
    )
    reports.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_report_shows_survey_and_number_charts_with_their_tables(client, report):
    response = client.get(
        "/parskati/vides-novertejums-2025/", HTTP_HOST="lit.localhost"
    )

    html = response.content.decode()
    assert html.count('class="bar-chart"') == 2
    assert html.count("<table") == 2
    assert "<caption>Ūdens patēriņš</caption>" in html
    assert "2025/2026" in html


def test_report_is_printable(client, report):
    html = client.get(
        "/parskati/vides-novertejums-2025/", HTTP_HOST="lit.localhost"
    ).content.decode()

    assert 'href="/static/css/print.css" media="print"' in html


def test_report_chart_of_unpublished_results_shows_nothing(client, report, survey):
    survey.results_published = False
    survey.save_revision().publish()

    html = client.get(
        "/parskati/vides-novertejums-2025/", HTTP_HOST="lit.localhost"
    ).content.decode()

    assert html.count('class="bar-chart"') == 1


def test_chart_block_refuses_a_question_key_the_survey_does_not_have(survey):
    block = SurveyChartBlock()

    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python(
                {"survey": survey.pk, "question_key": "no_such_question", "caption": ""}
            )
        )


def test_survey_must_close_after_it_opens(survey):
    from django.core.exceptions import ValidationError

    survey.closes_at = survey.opens_at

    with pytest.raises(ValidationError) as error:
        survey.full_clean()
    assert "closes_at" in error.value.message_dict


def test_sitemap_lists_published_results_but_not_invitation_only_forms(make_survey):
    survey = make_survey(invitation_only=True, results_published=True)

    locations = [entry["location"] for entry in survey.get_sitemap_urls()]

    assert locations == [survey.get_full_url() + "results/"]


def test_sitemap_lists_an_open_survey_form(make_survey):
    survey = make_survey(invitation_only=False)

    locations = [entry["location"] for entry in survey.get_sitemap_urls()]

    assert locations == [survey.get_full_url()]


@pytest.mark.parametrize("split_by_key", ["ideas", "dripping_taps", "no_such_question"])
def test_chart_block_refuses_to_split_by_anything_but_another_choice_question(
    survey, split_by_key
):
    block = SurveyChartBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(
            block.to_python(
                {
                    "survey": survey.pk,
                    "question_key": "dripping_taps",
                    "split_by_key": split_by_key,
                    "caption": "",
                }
            )
        )
    assert set(error.value.block_errors) == {"split_by_key"}
