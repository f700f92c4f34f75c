"""A school's moderators keep their own school's settings, and only theirs."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from home.models import SchoolSettings

pytestmark = pytest.mark.django_db


def settings_url(school):
    site = Site.objects.get(root_page=school)
    return reverse("wagtailsettings:edit", args=["home", "schoolsettings", site.pk])


@pytest.fixture
def lit_moderator(network, make_member, client):
    client.force_login(make_member("lit-moderatore", "lit moderators"))
    return client


def test_moderator_changes_the_contacts_of_their_school(network, lit_moderator):
    url = settings_url(network["lit"])
    form = lit_moderator.get(url)
    assert form.status_code == 200

    response = lit_moderator.post(
        url,
        {
            "email": "ekopadome@lit.lv",
            "phone": "+371 654 00000",
            "address": "Varšavas iela 24/2, Daugavpils",
            "brand_colour": "#1f6f43",
        },
    )

    assert response.status_code == 302
    saved = SchoolSettings.for_site(Site.objects.get(root_page=network["lit"]))
    assert (saved.email, saved.phone, saved.brand_colour) == (
        "ekopadome@lit.lv",
        "+371 654 00000",
        "#1f6f43",
    )


def test_moderator_cannot_open_another_schools_settings(network, lit_moderator):
    other = settings_url(network["lvt"])

    response = lit_moderator.get(other)

    # Wagtail turns them back to the dashboard with a "no permission" message.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert lit_moderator.post(other, {"email": "x@lvt.lv"}).status_code == 302
    lvt = SchoolSettings.for_site(Site.objects.get(root_page=network["lvt"]))
    assert lvt.email == ""


def test_editors_do_not_change_school_settings(network, make_member, client):
    client.force_login(make_member("lit-redaktore", "lit editors"))

    response = client.get(settings_url(network["lit"]))

    assert response.status_code in (302, 403)
    assert "schoolsettings" not in response.get("Location", "")
