"""Partner pages: the facts of the partner and of the agreement, checked."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from home.models import SchoolPage
from partners.models import PartnerIndexPage, PartnerMilestone, PartnerPage
from tests.factories import PartnerPageFactory, section
from tests.network import goals, publish

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def in_latvian(message):
    with translation.override("lv"):
        return str(translation.gettext(message))


def partner(**fields):
    defaults = {"title": 'SIA "Rīgas ūdens"', "kind": PartnerPage.Kind.COMPANY}
    return PartnerPage(**(defaults | fields))


def errors_of(page):
    with pytest.raises(ValidationError) as error:
        page.clean()
    with translation.override("lv"):
        return {
            key: [str(m) for m in value]
            for key, value in error.value.message_dict.items()
        }


def test_partners_live_only_in_a_schools_partners_section(wagtail_tests):
    wagtail_tests.assertAllowedParentPageTypes(PartnerPage, {PartnerIndexPage})
    wagtail_tests.assertAllowedSubpageTypes(PartnerPage, set())
    wagtail_tests.assertAllowedParentPageTypes(PartnerIndexPage, {SchoolPage})
    wagtail_tests.assertAllowedSubpageTypes(PartnerIndexPage, {PartnerPage})


def test_a_partner_and_its_section_render(wagtail_tests, lit):
    partner_page = PartnerPageFactory(parent=section(lit, PartnerIndexPage))

    wagtail_tests.assertPageIsRenderable(section(lit, PartnerIndexPage))
    wagtail_tests.assertPageIsRenderable(partner_page)


def test_every_new_school_gets_a_partners_section(lit):
    index = PartnerIndexPage.objects.child_of(lit).get()

    assert (index.title, index.slug) == ("Partneri", "partneri")


def test_agreement_cannot_end_before_it_was_signed():
    page = partner(
        agreement_status=PartnerPage.AgreementStatus.SIGNED,
        date_signed=datetime.date(2025, 11, 14),
        valid_until=datetime.date(2025, 11, 1),
    )

    assert errors_of(page) == {
        "valid_until": [
            in_latvian("The agreement must be valid until a date after it was signed.")
        ]
    }


def test_signed_agreement_needs_the_date_it_was_signed():
    page = partner(agreement_status=PartnerPage.AgreementStatus.SIGNED)

    assert errors_of(page) == {
        "date_signed": [
            in_latvian("A signed or ended agreement needs the date it was signed.")
        ]
    }


def test_planned_agreement_needs_no_date():
    partner(agreement_status=PartnerPage.AgreementStatus.PLANNED).clean()


@pytest.mark.parametrize(
    "number",
    ["2023-1-LV01-KA220-VET-000123456", "2019-1-LV01-KA202-060123", "101104391"],
)
def test_erasmus_project_numbers_in_the_formats_in_use_are_accepted(number):
    partner(kind=PartnerPage.Kind.PROJECT, erasmus_project_number=number).full_clean(
        exclude=["path", "depth", "slug", "content_type", "locale", "translation_key"]
    )


@pytest.mark.parametrize("number", ["LV-2023-123", "2023-1-LV01", "12345"])
def test_erasmus_project_number_in_another_format_is_refused(number):
    page = partner(kind=PartnerPage.Kind.PROJECT, erasmus_project_number=number)

    with pytest.raises(ValidationError) as error:
        page.full_clean(
            exclude=[
                "path",
                "depth",
                "slug",
                "content_type",
                "locale",
                "translation_key",
            ]
        )

    assert "erasmus_project_number" in error.value.message_dict


def test_partner_page_shows_the_agreement_goals_and_milestones(client, lit):
    index = PartnerIndexPage.objects.child_of(lit).get()
    page = partner(
        title="Erasmus+ projekts PoVE Water Scale-up",
        slug="pove-water",
        kind=PartnerPage.Kind.PROJECT,
        country="",
        agreement_status=PartnerPage.AgreementStatus.SIGNED,
        date_signed=datetime.date(2025, 9, 1),
        valid_until=datetime.date(2027, 8, 31),
        erasmus_project_number="101104391",
    )
    page.sdgs = goals(6, 14)
    page.milestones = [
        PartnerMilestone(
            title="Ūdens dienas Brno 2026",
            place="Brno",
            starts_on=datetime.date(2026, 3, 1),
        )
    ]
    publish(index, page)

    html = client.get(page.url).content.decode()

    assert "101104391" in html
    assert "6. Tīrs ūdens un sanitārija" in html
    assert "14. Dzīvība ūdenī" in html
    assert '<th scope="row">Ūdens dienas Brno 2026</th>' in html
    assert "01.09.2025" in html or "1.09.2025" in html


def test_partner_list_filters_by_kind(client, lit):
    index = PartnerIndexPage.objects.child_of(lit).get()
    publish(index, partner(slug="rigas-udens"))
    publish(
        index,
        partner(
            title="Augšdaugavas novada pašvaldība",
            slug="augsdaugava",
            kind=PartnerPage.Kind.MUNICIPALITY,
        ),
    )

    html = client.get(index.url, {"kind": "municipality"}).content.decode()

    assert "Augšdaugavas novada pašvaldība" in html
    assert "Rīgas ūdens" not in html


def test_partner_page_lists_stories_made_with_the_partner(client, lit):
    from stories.models import GoodPracticeStoryPage, StoryIndexPage

    index = PartnerIndexPage.objects.child_of(lit).get()
    company = publish(index, partner(slug="rigas-udens"))
    story = GoodPracticeStoryPage(
        title="Ūdens detektīvi tehnikumā",
        slug="udens-detektivi",
        intro="Īsumā.",
        problem="<p>P</p>",
        what_was_done="<p>D</p>",
    )
    story.partners = [company]
    publish(StoryIndexPage.objects.child_of(lit).get(), story)

    html = client.get(company.url).content.decode()

    assert f'<a href="{story.url}">Ūdens detektīvi tehnikumā</a>' in html
