import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from activities.models import ActionPlanIndexPage, ActionPlanPage, ActivityPage
from home.models import ContentPage, SchoolPage
from tests.factories import ActionPlanPageFactory, section

from .conftest import import_csv_text

pytestmark = pytest.mark.django_db

HEADER = "nr,activity,IX,X,XI,XII,I,II,III,IV,V,VI\n"


def test_every_school_gets_an_action_plans_section_in_both_languages(school):
    index = ActionPlanIndexPage.objects.child_of(school).get()
    english = index.get_translation(Locale.objects.get(language_code="en"))

    assert (index.title, index.slug, index.live) == (
        "Rīcības plāni",
        "ricibas-plani",
        True,
    )
    assert (english.title, english.slug) == ("Action plans", "action-plans")


def test_page_types_only_fit_where_the_plan_belongs(wagtail_tests):
    wagtail_tests.assertAllowedParentPageTypes(ActionPlanIndexPage, {SchoolPage})
    wagtail_tests.assertAllowedSubpageTypes(ActionPlanIndexPage, {ActionPlanPage})
    wagtail_tests.assertAllowedParentPageTypes(ActionPlanPage, {ActionPlanIndexPage})
    wagtail_tests.assertAllowedSubpageTypes(ActionPlanPage, {ActivityPage})
    wagtail_tests.assertAllowedParentPageTypes(ActivityPage, {ActionPlanPage})
    wagtail_tests.assertAllowedSubpageTypes(ActivityPage, set())
    wagtail_tests.assertCanNotCreateAt(ContentPage, ActionPlanPage)


def test_a_school_cannot_get_a_second_action_plans_section(school):
    assert not ActionPlanIndexPage.can_create_at(school)


def test_a_second_plan_for_the_same_year_is_refused(school):
    index = section(school, ActionPlanIndexPage)
    ActionPlanPageFactory(parent=index, title="Plāns")

    with pytest.raises(ValidationError) as caught:
        ActionPlanPageFactory(parent=index, title="Vēl viens", slug="vel-viens")

    assert caught.value.message_dict["school_year"] == [
        "This school already has an action plan for 2025/2026."
    ]


def test_another_school_may_have_a_plan_for_the_same_year(school, other_school):
    for each in (school, other_school):
        ActionPlanPageFactory(parent=section(each, ActionPlanIndexPage), title="Plāns")

    assert ActionPlanPage.objects.filter(school_year="2025/2026").count() == 2


@pytest.mark.parametrize("year", ["2025", "2025/2027", "2025-2026", "25/26"])
def test_school_year_must_be_two_consecutive_years(school, year):
    index = section(school, ActionPlanIndexPage)

    with pytest.raises(ValidationError) as caught:
        ActionPlanPageFactory(parent=index, title="Plāns", school_year=year)

    assert caught.value.message_dict["school_year"] == [
        "Enter the school year as two consecutive years, e.g. 2025/2026."
    ]


@pytest.mark.parametrize("number", ["0", "4.", "4.1.2", "a", "4.01"])
def test_activity_numbers_are_checked(school, number):
    plan = import_csv_text(school, HEADER + "1,Sēde,x\n").plan
    page = ActivityPage(title="Darbība", slug="darbiba", number=number)

    if number == "4.":
        # The trailing dot of "4." as typed in plans is dropped.
        plan.add_child(instance=page)
        assert page.number == "4"
        return
    with pytest.raises(ValidationError) as caught:
        plan.add_child(instance=page)
    assert "number" in caught.value.message_dict


def test_activities_sort_by_number_not_as_text(school):
    plan = import_csv_text(
        school,
        HEADER
        + "10,Desmitā,x\n2,Otrā,x\n1,Pirmā,x\n1.10,Desmitā apakš,x\n1.2,Otrā apakš,x\n",
    ).plan

    numbers = [page.number for page in plan.activities()]

    assert numbers == ["1", "1.2", "1.10", "2", "10"]


def test_number_problems_name_a_taken_number_and_a_missing_parent(school):
    plan = import_csv_text(school, HEADER + "1,Sēde,x\n").plan

    assert ActivityPage.number_problems(plan, "1") == [
        "Activity 1 already exists in this plan."
    ]
    assert ActivityPage.number_problems(plan, "3.1") == [
        "3.1 is a sub-activity of 3, but this plan has no activity 3."
    ]
    assert ActivityPage.number_problems(plan, "1.1") == []


def test_activity_page_shows_its_months_and_programme_links(client, school):
    from home.models import SustainableDevelopmentGoal

    plan = import_csv_text(school, HEADER + "1,Ūdens diena,,,,,,,x,,,\n").plan
    page = ActivityPage.objects.child_of(plan).get()
    page.step = ActivityPage.Step.INFORMING
    page.audience_parents = True
    page.sdgs.set(
        SustainableDevelopmentGoal.objects.filter(
            locale__language_code="lv", number__in=[6, 14]
        )
    )
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert '<h1><span class="activity-number">1</span> Ūdens diena</h1>' in html
    assert "marts" in html  # planned in March, in the page's language
    assert "Tīrs ūdens un sanitārija" in html and "Dzīvība ūdenī" in html
