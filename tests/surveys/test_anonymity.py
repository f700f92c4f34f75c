"""No table joins an answer to an address: checked on the schema and on the data."""

import pytest
from django.apps import apps
from django.db import models
from wagtail.models import Page

from notifications.models import OutboxMessage
from surveys.invitations import create_invitations, hash_token, token_for
from surveys.models import Invitation, SurveyAnswer, SurveyResponse

ANSWER_MODELS = {SurveyResponse, SurveyAnswer}
# Every table that holds an invited person's address.
ADDRESS_MODELS = {Invitation, OutboxMessage}


def relation_targets(model):
    """The models a table points to (FK, one-to-one, many-to-many), own fields only."""
    targets = set()
    for field in model._meta.get_fields(include_hidden=True):
        own = field.concrete or field.many_to_many
        if field.is_relation and own and field.related_model is not None:
            targets.add(field.related_model)
    return targets


def test_answer_tables_point_only_to_the_survey_page_and_to_each_other():
    assert relation_targets(SurveyResponse) == {Page}
    assert relation_targets(SurveyAnswer) == {SurveyResponse}


def test_address_tables_point_to_no_answer_table():
    for model in ADDRESS_MODELS:
        assert not relation_targets(model) & ANSWER_MODELS, model


def test_no_table_joins_an_answer_table_to_an_address_table():
    for model in apps.get_models(include_auto_created=True):
        targets = relation_targets(model)
        joins = bool(targets & ANSWER_MODELS) and bool(targets & ADDRESS_MODELS)
        assert not joins, f"{model._meta.label} joins answers to addresses"


def test_answer_tables_have_no_column_for_an_address_a_token_or_an_invitation():
    for model in ANSWER_MODELS:
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.EmailField), field
            for word in ("email", "token", "hash", "invitation", "address"):
                assert word not in field.name, field


def test_invitation_records_that_it_was_used_but_not_when():
    time_fields = {
        field.name
        for field in Invitation._meta.concrete_fields
        if isinstance(field, models.DateTimeField)
    }

    assert time_fields == {"created_at", "sent_at", "reminded_at"}
    assert isinstance(Invitation._meta.get_field("used"), models.BooleanField)


@pytest.mark.django_db
@pytest.mark.postgres
def test_stored_answer_has_no_trace_of_the_address_or_the_token(
    client, make_survey, django_capture_on_commit_callbacks
):
    survey = make_survey(invitation_only=True, anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = create_invitations(survey, "teachers", ["ilze.ozola@lit.lv"])[0]
    token = token_for(invitation)
    path = survey.url.replace("http://lit.localhost", "")

    client.post(
        path,
        {
            "invitation": token,
            "dripping_taps": "no",
            "drinking_water": "2",
            "rainwater_use": ["3"],
            "tap_water_trust": "2",
            "ideas": "Labot krānus",
        },
        HTTP_HOST="lit.localhost",
    )

    stored = repr(list(SurveyResponse.objects.values())) + repr(
        list(SurveyAnswer.objects.values())
    )
    assert SurveyResponse.objects.count() == 1
    for trace in (
        "ilze.ozola",
        "lit.lv",
        token,
        hash_token(token),
        invitation.nonce,
    ):
        assert trace not in stored
    assert "invitation" not in SurveyResponse.objects.get().form_data
    assert Invitation.objects.get().used is True
