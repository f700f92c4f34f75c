import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def editor_client(client, school_editor):
    client.force_login(school_editor)
    return client


def test_editor_can_open_the_form_for_a_new_survey(editor_client, reports):
    response = editor_client.get(
        reverse("wagtailadmin_pages:add", args=["surveys", "surveypage", reports.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        'name="form_fields-0-question_key"' in html or "form_fields-__prefix__" in html
    )


def test_editor_can_edit_a_survey(editor_client, survey):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk]))

    assert response.status_code == 200
    assert "dripping_taps" in response.content.decode()


def test_survey_header_links_to_its_results_and_invitations(editor_client, survey):
    html = editor_client.get(
        reverse("wagtailadmin_pages:edit", args=[survey.pk])
    ).content.decode()

    assert reverse("surveys_admin:results", args=[survey.pk]) in html
    assert reverse("surveys_admin:invitations", args=[survey.pk]) in html


def test_editor_of_another_school_cannot_see_the_results(
    client, survey, other_school_editor
):
    client.force_login(other_school_editor)

    response = client.get(reverse("surveys_admin:results", args=[survey.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_submissions_list_of_wagtail_forms_shows_readable_responses(
    editor_client, survey, answer
):
    answer(
        survey,
        "teachers",
        dripping_taps="no",
        drinking_water="1",
        rainwater_use=["1"],
        tap_water_trust=3,
        ideas="Labot krānus",
    )

    response = editor_client.get(
        reverse("wagtailforms:list_submissions", args=[survey.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Labot krānus" in html
    assert "Krāna ūdeni" in html  # the option's label, not its position
