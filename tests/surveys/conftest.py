from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from home.schools import editors_group_name
from surveys.models import ReportIndexPage
from surveys.views import record_response
from tests.conftest import LIT
from tests.factories import REVIEW_QUESTIONS, SchoolFactory, SurveyPageFactory, section


@pytest.fixture
def school(hub):
    """LIT on its own host, lit.localhost: survey links are on the school's site."""
    return SchoolFactory(**LIT)


@pytest.fixture
def reports(school):
    return section(school, ReportIndexPage)


@pytest.fixture
def make_survey(reports):
    def make(
        slug="aptauja-2025",
        school_year="2025/2026",
        questions=REVIEW_QUESTIONS,
        opens=-1,
        closes=30,
        parent=None,
        **fields,
    ):
        now = timezone.now()
        return SurveyPageFactory(
            parent=parent or reports,
            slug=slug,
            school_year=school_year,
            questions=questions,
            opens_at=now + timedelta(days=opens),
            closes_at=now + timedelta(days=closes),
            **fields,
        )

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
def other_school_editor(other_school, django_user_model):
    user = django_user_model.objects.create_user("cits", password="x")
    user.groups.add(Group.objects.get(name=editors_group_name("lvt")))
    return user
