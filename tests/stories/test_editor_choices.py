"""Choices in the story forms: nothing chosen for the sender, nothing listed twice."""

import re

import pytest
from django.urls import reverse

from home.translation import translate
from partners.models import PartnerIndexPage, PartnerPage
from tests.network import publish
from tests.stories.conftest import stories_index

pytestmark = pytest.mark.django_db


def options_of(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select name={name!r}>"
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def selected_of(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select.group(1))


def test_public_form_does_not_choose_the_audience_for_the_sender(client, lit):
    html = client.get(stories_index(lit).url + "submit/").content.decode()

    # Only the empty prompt may stand selected; no audience is filed by default.
    assert set(selected_of(html, "audience")) <= {""}
    assert options_of(html, "audience")[0] == "Izvēlieties mērķauditoriju"


def test_sending_without_an_audience_asks_for_it(client, lit):
    response = client.post(stories_index(lit).url + "submit/", {"audience": ""})

    assert response.status_code == 400
    assert response.context["form"].errors["audience"] == ["Šis lauks ir obligāts."]


def test_story_editor_lists_each_partner_once(admin_client, lit, make_story):
    partners = PartnerIndexPage.objects.child_of(lit).get()
    partner = publish(
        partners,
        PartnerPage(title="SIA Daugavpils ūdens", kind=PartnerPage.Kind.COMPANY),
    )
    translate(partners, "en", {"Partneri": "Partners"})
    translate(partner, "en", {"SIA Daugavpils ūdens": "Daugavpils Water Ltd"})
    story = make_story(lit, "Lietus ūdens mucas")

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))

    assert options_of(response.content.decode(), "partners") == ["SIA Daugavpils ūdens"]
