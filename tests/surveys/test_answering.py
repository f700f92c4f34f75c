import pytest
from django.utils import translation

from surveys.invitations import create_invitations, token_for, use_invitation
from surveys.models import Invitation, SurveyAnswer, SurveyResponse

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

HOST = {"HTTP_HOST": "lit.localhost"}
FULL_ANSWER = {
    "dripping_taps": "yes",
    "drinking_water": "1",
    "rainwater_use": ["1", "2"],
    "tap_water_trust": "4",
    "ideas": "Sensoru krāni pie ēdnīcas",
}


def lv(message):
    """The Latvian text a page shows for `message`, whether translated yet or not."""
    with translation.override("lv"):
        return translation.gettext(message)


def survey_path(survey):
    return survey.url.replace("http://lit.localhost", "")


def invite(survey, address="skolens@lit.lv", audience="students"):
    invitation = create_invitations(survey, audience, [address])[0]
    return Invitation.objects.get(pk=invitation.pk), token_for(invitation)


def test_open_survey_shows_every_question_and_the_audience_question(client, survey):
    html = client.get(survey_path(survey), **HOST).content.decode()

    assert f"<legend>{lv('You answer as')}" in html
    assert 'name="audience"' in html
    for field in survey.get_form_fields():
        assert f'name="{field.question_key}"' in html


def test_answering_stores_the_response_and_one_row_per_answer(client, survey):
    response = client.post(
        survey_path(survey), {**FULL_ANSWER, "audience": "teachers"}, **HOST
    )

    assert response.status_code == 200
    stored = SurveyResponse.objects.get()
    assert stored.audience == "teachers"
    assert stored.survey_key == survey.translation_key
    rows = set(
        SurveyAnswer.objects.values_list("question_key", "choice", "number", "text")
    )
    assert rows == {
        ("dripping_taps", "yes", None, ""),
        ("drinking_water", "1", None, ""),
        ("rainwater_use", "1", None, ""),
        ("rainwater_use", "2", None, ""),
        ("tap_water_trust", "4", 4, ""),
        ("ideas", "", None, "Sensoru krāni pie ēdnīcas"),
    }


def test_missing_required_answer_is_reported_and_nothing_is_saved(client, survey):
    answers = {**FULL_ANSWER, "audience": "students"}
    del answers["tap_water_trust"]

    response = client.post(survey_path(survey), answers, **HOST)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'id="id_tap_water_trust-error"' in html
    assert lv("Please answer this question.") in html
    assert 'aria-describedby="id_tap_water_trust-error"' in html
    assert not SurveyResponse.objects.exists()
    assert not SurveyAnswer.objects.exists()


def test_closed_survey_says_so_and_saves_nothing(client, make_survey):
    survey = make_survey(opens=-30, closes=-1)

    get = client.get(survey_path(survey), **HOST)
    post = client.post(
        survey_path(survey), {**FULL_ANSWER, "audience": "students"}, **HOST
    )

    for response in (get, post):
        html = response.content.decode()
        assert lv("The survey is closed") in html
        assert "<form" not in html.split("<main", 1)[1]
    assert not SurveyResponse.objects.exists()


def test_survey_not_open_yet_says_when_it_opens(client, make_survey):
    survey = make_survey(opens=3, closes=30)

    html = client.get(survey_path(survey), **HOST).content.decode()

    assert lv("The survey is not open yet") in html


def test_invitation_only_survey_without_a_link_explains_it(client, make_survey):
    survey = make_survey(invitation_only=True)

    response = client.get(survey_path(survey), **HOST)

    assert response.status_code == 403
    assert lv("This survey is answered by invitation") in response.content.decode()


def test_unknown_invitation_link_is_refused_with_a_message(client, survey):
    response = client.get(survey_path(survey) + "?invitation=nonsense", **HOST)

    assert response.status_code == 404
    html = response.content.decode()
    assert lv("This link is not valid") in html


def test_invitation_link_answers_once_as_its_group(client, make_survey, mailoutbox):
    survey = make_survey(invitation_only=True)
    invitation, token = invite(survey, audience="administration")

    form = client.get(survey_path(survey) + f"?invitation={token}", **HOST)
    first = client.post(
        survey_path(survey), {**FULL_ANSWER, "invitation": token}, **HOST
    )
    second = client.get(survey_path(survey) + f"?invitation={token}", **HOST)
    third = client.post(
        survey_path(survey), {**FULL_ANSWER, "invitation": token}, **HOST
    )

    assert 'name="audience"' not in form.content.decode()
    assert first.status_code == 200
    assert SurveyResponse.objects.get().audience == "administration"
    assert second.status_code == 410
    assert lv("This link has already been used") in second.content.decode()
    assert third.status_code == 410
    assert SurveyResponse.objects.count() == 1
    invitation.refresh_from_db()
    assert invitation.used


def test_invitation_to_another_survey_does_not_open_this_one(client, make_survey):
    first = make_survey(slug="pirma", invitation_only=True)
    second = make_survey(slug="otra", invitation_only=True)
    _invitation, token = invite(first)

    response = client.get(survey_path(second) + f"?invitation={token}", **HOST)

    assert response.status_code == 404


def test_non_anonymous_survey_asks_for_the_name(client, make_survey):
    survey = make_survey(anonymous=False)

    client.post(
        survey_path(survey),
        {**FULL_ANSWER, "audience": "teachers", "respondent_name": "Anna Bērziņa"},
        **HOST,
    )

    assert SurveyResponse.objects.get().form_data["respondent_name"] == "Anna Bērziņa"


def test_an_invitation_can_be_used_only_once_even_by_two_requests_at_a_time(survey):
    invitation, _token = invite(survey)
    # Both requests loaded the invitation before either of them used it.
    first_copy = Invitation.objects.get(pk=invitation.pk)
    second_copy = Invitation.objects.get(pk=invitation.pk)

    assert use_invitation(first_copy) is True
    assert use_invitation(second_copy) is False
