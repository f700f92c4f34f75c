import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.users.models import UserProfile

from activities.models import ActionPlanPage, ActivityPage
from home.schools import editors_group_name, moderators_group_name

from .conftest import SEED_CSV

pytestmark = pytest.mark.django_db

URL = reverse("activities_import_plan")
HEADER = "nr,activity,IX,X,XI,XII,I,II,III,IV,V,VI\n"


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    # The admin otherwise speaks the portal's default language, Latvian.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def editor(school, django_user_model):
    return member_of(django_user_model, editors_group_name("lit"), "lit-editor")


@pytest.fixture
def moderator(school, django_user_model):
    return member_of(django_user_model, moderators_group_name("lit"), "lit-moderator")


def upload(client, school, text, name="plan.csv", year="2025/2026"):
    return client.post(
        URL,
        {
            "school": school.pk,
            "school_year": year,
            "file": SimpleUploadedFile(name, text.encode("utf-8")),
        },
    )


@pytest.mark.postgres
def test_moderator_upload_publishes_the_plan(client, school, moderator):
    client.force_login(moderator)

    response = upload(client, school, SEED_CSV.read_text(encoding="utf-8"))

    plan = ActionPlanPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[plan.pk])
    assert plan.live
    assert ActivityPage.objects.child_of(plan).live().count() == 36
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        f"“{plan.title}” is published: 36 new, 0 updated and 0 unchanged activities."
    ]


def test_editor_upload_saves_drafts_for_moderation(client, school, editor):
    client.force_login(editor)

    response = upload(client, school, HEADER + "1,Sēdes,x\n2,Aptauja,,x\n")

    assert response.status_code == 302
    pages = ActivityPage.objects.all()
    assert pages.count() == 2
    assert not any(page.live for page in pages)
    assert all(page.get_latest_revision().user == editor for page in pages)


@pytest.mark.postgres
def test_upload_with_bad_rows_lists_them_and_imports_nothing(client, school, editor):
    client.force_login(editor)

    response = upload(client, school, HEADER + "1,Sēdes,x\n1,Atkal,x\n2,,y\n")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported: 3 problems in the file." in html
    assert "<li>Line 3: number 1 is already used on line 2.</li>" in html
    assert "<li>Line 4: the activity has no title.</li>" in html
    assert "<li>Line 4: “y” under IX is not a mark;" in html
    assert not ActionPlanPage.objects.exists()


def test_upload_of_another_kind_of_file_is_a_field_error(client, school, editor):
    client.force_login(editor)

    response = upload(client, school, "nr,activity", name="plan.pdf")

    assert response.status_code == 200
    assert "File extension “pdf” is not allowed." in response.content.decode()
    assert not ActionPlanPage.objects.exists()


def test_editor_of_another_school_is_refused(
    client, school, other_school, django_user_model
):
    outsider = member_of(django_user_model, editors_group_name("lvt"), "lvt-editor")
    client.force_login(outsider)

    response = upload(client, school, HEADER + "1,Sēdes,x\n")
    page = client.get(URL, {"school": school.pk})

    # Wagtail answers a refused admin view with a redirect and an error message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert (page.status_code, page["Location"]) == (302, "/admin/")
    assert not ActionPlanPage.objects.exists()


def test_user_who_edits_no_school_cannot_open_the_view(
    client, school, django_user_model
):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="nobody", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(URL)

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_upload_form_only_offers_the_editors_own_school(
    client, school, other_school, editor
):
    client.force_login(editor)

    html = client.get(URL).content.decode()

    assert "Latgales Industriālais tehnikums" in html
    assert "Liepājas Valsts tehnikums" not in html
    assert '<label class="w-field__label" for="id_file"' in html


def test_plan_pages_offer_the_import_button_with_their_school_and_year(
    client, school, moderator
):
    client.force_login(moderator)
    upload(client, school, HEADER + "1,Sēdes,x\n")
    plan = ActionPlanPage.objects.get()

    html = client.get(reverse("wagtailadmin_explore", args=[plan.pk])).content.decode()

    assert f"{URL}?school={school.pk}&amp;year=2025%2F2026" in html
    assert "Import from spreadsheet" in html


def test_admin_form_refuses_a_second_plan_for_the_same_year(client, school, moderator):
    from activities.models import ActionPlanIndexPage

    client.force_login(moderator)
    upload(client, school, HEADER + "1,Sēdes,x\n")
    index = ActionPlanIndexPage.objects.child_of(school).get()
    add_url = reverse(
        "wagtailadmin_pages:add", args=["activities", "actionplanpage", index.pk]
    )

    response = client.post(
        add_url,
        {
            "title": "Otrs plāns",
            "slug": "otrs",
            "school_year": "2025/2026",
            "body-count": "0",
        },
    )

    assert response.status_code == 200
    assert "This school already has an action plan for 2025/2026." in (
        response.content.decode()
    )
    assert ActionPlanPage.objects.count() == 1
