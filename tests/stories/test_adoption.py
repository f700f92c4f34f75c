"""Adopting another school's practice into one's own action plan."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from activities.models import ActionPlanIndexPage, ActionPlanPage, ActivityPage
from stories.models import StoryAdoption
from tests.network import publish, staff_member
from tests.stories.conftest import in_latvian

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def plan(school, year):
    index = ActionPlanIndexPage.objects.child_of(school).get()
    return publish(
        index,
        ActionPlanPage(
            title=f"Rīcības plāns {year}", slug=year.replace("/", "-"), school_year=year
        ),
    )


@pytest.fixture
def detectives(saskanas, make_story):
    return make_story(
        saskanas,
        "Ūdens detektīvi",
        intro="Skolēni meklē pilošus krānus.",
        what_was_done="<p>Detektīvu kartītes ar skolas plānu.</p>",
        sdgs=[6],
    )


@pytest.fixture
def lit_editor(lit):
    return staff_member(lit, "editor")


def adopt_url(story):
    return reverse("stories_adopt", args=[story.pk])


@time_machine.travel(datetime.datetime(2025, 11, 20, 10, 0), tick=False)
def test_editor_adopts_a_practice_as_a_draft_activity_in_the_current_plan(
    client, lit, lit_editor, detectives
):
    plan(lit, "2024/2025")
    current = plan(lit, "2025/2026")
    client.force_login(lit_editor)

    response = client.post(adopt_url(detectives), {"school": lit.pk})

    activity = ActivityPage.objects.child_of(current).get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[activity.pk]
    )
    assert activity.title == "Ūdens detektīvi"
    assert not activity.live
    assert activity.number == "1"
    assert [goal.number for goal in activity.sdgs.all()] == [6]
    assert "Detektīvu kartītes ar skolas plānu." in activity.description
    assert f'<a linktype="page" id="{detectives.pk}">' in activity.description
    adoption = StoryAdoption.objects.get()
    assert (adoption.story, adoption.school, adoption.activity.specific) == (
        detectives,
        lit,
        activity,
    )
    assert adoption.created_by == lit_editor


@time_machine.travel(datetime.datetime(2025, 11, 20, 10, 0), tick=False)
def test_adopted_activity_takes_the_next_free_number(
    client, lit, lit_editor, detectives
):
    current = plan(lit, "2025/2026")
    for number in ("1", "2", "2.1"):
        publish(current, ActivityPage(title=f"Aktivitāte {number}", number=number))
    client.force_login(lit_editor)

    client.post(adopt_url(detectives), {"school": lit.pk})

    assert ActivityPage.objects.child_of(current).get(
        title="Ūdens detektīvi"
    ).number == ("3")


def test_adopting_school_appears_on_the_story(client, lit, lit_editor, detectives):
    plan(lit, "2025/2026")
    client.force_login(lit_editor)
    client.post(adopt_url(detectives), {"school": lit.pk})
    client.logout()

    html = client.get(detectives.url).content.decode()

    assert in_latvian("Schools that adopted this practice") in html
    assert "Latgales Industriālais tehnikums" in html


def test_editor_of_the_storys_own_school_cannot_adopt_it(client, saskanas, detectives):
    client.force_login(staff_member(saskanas, "editor"))

    response = client.post(adopt_url(detectives), {"school": saskanas.pk})

    # Wagtail turns the refusal into a message on the admin dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not StoryAdoption.objects.exists()


def test_editor_cannot_adopt_for_a_school_they_do_not_edit(
    client, lit, saskanas, detectives, other_school
):
    other = other_school
    plan(other, "2025/2026")
    client.force_login(staff_member(lit, "editor"))

    response = client.post(adopt_url(detectives), {"school": other.pk})

    assert response.status_code == 200
    assert (
        in_latvian(
            "Select a valid choice. That choice is not one of the available choices."
        )
        in response.content.decode()
    )
    assert not StoryAdoption.objects.exists()


def test_a_school_adopts_a_practice_only_once(client, lit, lit_editor, detectives):
    plan(lit, "2025/2026")
    client.force_login(lit_editor)
    client.post(adopt_url(detectives), {"school": lit.pk})

    response = client.post(adopt_url(detectives), {"school": lit.pk})

    assert (
        in_latvian(
            "%(school)s has already adopted this practice.",
            school="Latgales Industriālais tehnikums",
        )
        in response.content.decode()
    )
    assert StoryAdoption.objects.count() == 1
    assert ActivityPage.objects.count() == 1


def test_school_without_an_action_plan_is_told_to_create_one(
    client, lit, lit_editor, detectives
):
    client.force_login(lit_editor)

    response = client.post(adopt_url(detectives), {"school": lit.pk})

    assert (
        in_latvian(
            "%(school)s has no action plan yet. Create this school year's plan "
            "first, then adopt the practice into it.",
            school="Latgales Industriālais tehnikums",
        )
        in response.content.decode()
    )
    assert not StoryAdoption.objects.exists()


def test_story_page_links_the_story_it_was_adopted_from(
    client, lit, detectives, make_story
):
    adopted = make_story(lit, "Ūdens detektīvi tehnikumā", adopted_from=detectives)

    html = client.get(adopted.url).content.decode()

    assert f'<a href="{detectives.url}">Ūdens detektīvi</a>' in html


def test_story_page_offers_adoption_to_editors_of_other_schools(
    client, lit, lit_editor, detectives
):
    client.force_login(lit_editor)

    html = client.get(detectives.url).content.decode()

    assert f'href="{adopt_url(detectives)}"' in html


def test_story_page_offers_no_adoption_to_visitors_or_its_own_editors(
    client, saskanas, detectives
):
    anonymous = client.get(detectives.url).content.decode()
    client.force_login(staff_member(saskanas, "editor"))
    own = client.get(detectives.url).content.decode()

    assert adopt_url(detectives) not in anonymous
    assert adopt_url(detectives) not in own


def test_adopt_button_is_in_the_admin_header_of_a_story_for_network_admins(
    client, django_user_model, lit, detectives
):
    client.force_login(
        django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    )

    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[detectives.pk])
    ).content.decode()

    assert adopt_url(detectives) in html
