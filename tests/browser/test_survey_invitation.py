import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from surveys.invitations import create_invitations
from surveys.models import ReportIndexPage, SurveyResponse
from tests.factories import SurveyPageFactory, section

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://[^/\s]+(/\S+\?invitation=[\w-]+)")


def lv(message):
    with translation.override("lv"):
        return translation.gettext(message)


@pytest.fixture
def invitation_mail(mailoutbox, school):
    survey = SurveyPageFactory(
        parent=section(school, ReportIndexPage),
        title="Vides novērtējuma aptauja 2025",
        closes_at=timezone.now() + timedelta(days=20),
        thank_you_text="<p>Paldies par atbildēm!</p>",
        questions=[
            ("dripping_taps", "yes_no", "Vai redzējāt pilošu krānu?", ""),
            ("drinking_water", "single_choice", "Ko dzerat?", "Krāna ūdeni\nTēju"),
            ("tap_water_trust", "scale", "Cik uzticaties krāna ūdenim?", ""),
            ("ideas", "free_text", "Jūsu ieteikumi", ""),
        ],
    )
    create_invitations(survey, "teachers", ["ilze@lit.lv"])
    return mailoutbox[-1]


def test_teacher_answers_a_survey_through_an_invitation_link(
    page, live_server, invitation_mail, screenshot
):
    path = LINK.search(invitation_mail.body).group(1)

    page.goto(live_server.url + path)
    assert page.locator("input[name=audience]").count() == 0
    page.get_by_role("button", name=lv("Send my answers")).click()
    screenshot("survey-missing-answers")
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_text(lv("Please answer this question.")).first.is_visible()

    page.get_by_label(lv("No"), exact=True).check()
    page.get_by_label("Krāna ūdeni").check()
    page.get_by_label("4", exact=True).check()
    page.get_by_label("Jūsu ieteikumi").fill("Sensoru krāni pie ēdnīcas")
    page.get_by_role("button", name=lv("Send my answers")).click()
    screenshot("survey-answered")

    assert page.get_by_text("Paldies par atbildēm!").is_visible()
    response = SurveyResponse.objects.get()
    assert response.audience == "teachers"
    assert response.form_data["ideas"] == "Sensoru krāni pie ēdnīcas"

    page.goto(live_server.url + path)
    assert page.get_by_text(lv("This link has already been used")).is_visible()
    assert SurveyResponse.objects.count() == 1
