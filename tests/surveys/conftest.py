from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from home.demo import load_hub
from home.schools import create_school, editors_group_name
from surveys.models import ReportIndexPage, SurveyField, SurveyPage
from surveys.views import record_response

QUESTIONS = [
    ("dripping_taps", "yes_no", "Vai redzējāt pilošu krānu?", ""),
    (
        "drinking_water",
        "single_choice",
        "Ko dzerat tehnikumā?",
        "Krāna ūdeni\nPirktu ūdeni\nSaldinātus dzērienus",
    ),
    (
        "rainwater_use",
        "multiple_choice",
        "Kur izmantot lietus ūdeni?",
        "Laistīšanai\nTualetēm\nNekur",
    ),
    ("tap_water_trust", "scale", "Cik uzticaties krāna ūdenim?", ""),
    ("ideas", "free_text", "Jūsu ieteikumi", ""),
]


@pytest.fixture
def school(db, django_capture_on_commit_callbacks):
    # Separate transactions, as load_demo runs them.
    with django_capture_on_commit_callbacks(execute=True):
        load_hub()
    with django_capture_on_commit_callbacks(execute=True):
        return create_school(
            "Latgales Industriālais tehnikums",
            "lit",
            hostname="lit.localhost",
            city="Daugavpils",
        )


@pytest.fixture
def reports(school):
    return ReportIndexPage.objects.child_of(school).get()


@pytest.fixture
def make_survey(reports):
    def make(
        slug="aptauja-2025",
        school_year="2025/2026",
        questions=QUESTIONS,
        opens=-1,
        closes=30,
        parent=None,
        **fields,
    ):
        now = timezone.now()
        fields.setdefault("invitation_only", False)
        survey = SurveyPage(
            title=f"Vides novērtējuma aptauja {school_year}",
            slug=slug,
            school_year=school_year,
            opens_at=now + timedelta(days=opens),
            closes_at=now + timedelta(days=closes),
            **fields,
        )
        for number, (key, kind, label, choices) in enumerate(questions):
            survey.form_fields.add(
                SurveyField(
                    sort_order=number,
                    question_key=key,
                    field_type=kind,
                    label=label,
                    choices=choices,
                    required=kind != "free_text",
                )
            )
        (parent or reports).add_child(instance=survey)
        survey.save_revision().publish()
        return SurveyPage.objects.get(pk=survey.pk)

    return make


@pytest.fixture
def survey(make_survey):
    return make_survey()


@pytest.fixture
def answer():
    """Record a response through the survey's own form, as the view does."""

    def record(survey, audience="students", **answers):
        data = MultiValueDict()
        for key, value in answers.items():
            data.setlist(key, value if isinstance(value, list) else [str(value)])
        data.setlist("audience", [audience])
        form = survey.get_form(data, with_audience=True, page=survey)
        assert form.is_valid(), form.errors
        return record_response(survey, form, audience)

    return record


@pytest.fixture
def school_editor(school, django_user_model):
    user = django_user_model.objects.create_user("redaktore", password="x")
    user.groups.add(Group.objects.get(name=editors_group_name("lit")))
    return user


@pytest.fixture
def other_school_editor(
    db, school, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_school("Liepājas Valsts tehnikums", "lvt", city="Liepāja")
    user = django_user_model.objects.create_user("cits", password="x")
    user.groups.add(Group.objects.get(name=editors_group_name("lvt")))
    return user
