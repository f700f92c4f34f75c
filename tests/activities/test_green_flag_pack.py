import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from activities.models import ActivityPage, ActivityProgress

from .conftest import import_csv_text
from .grid_html import grid_as_csv_rows

pytestmark = pytest.mark.django_db

HEADER = "nr,activity,IX,X,XI,XII,I,II,III,IV,V,VI\n"
PLAN = (
    HEADER + "1,Aptauja,x,x,,,,,,,,\n1.1,Rezultāti,,x,,,,,,,,\n2,Rīcības dienas,,,x\n"
)


@pytest.fixture
def photo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Image.objects.create(title="Filtri", file=get_test_image_file())


@pytest.fixture
def plan(school, photo):
    plan = import_csv_text(school, PLAN).plan
    plan.eco_school_goals = "<ol><li>Samazināt ūdens patēriņu.</li></ol>"
    plan.save_revision().publish()
    survey = ActivityPage.objects.get(number="1")
    survey.progress.add(
        ActivityProgress(
            month=9,
            status="done",
            report="Aptauja nosūtīta visiem.",
            evidence=[
                {
                    "type": "photo",
                    "value": {
                        "image": photo.pk,
                        "alt_text": "Skolēni aizpilda aptauju",
                        "decorative": False,
                    },
                }
            ],
        )
    )
    survey.save_revision().publish()
    return plan


@pytest.mark.postgres
def test_green_flag_pack_gathers_plan_grid_reports_and_photos(client, plan):
    response = client.get(plan.url + "green-flag-pack/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<li>Samazināt ūdens patēriņu.</li>" in html
    assert grid_as_csv_rows(html) == [
        ["1", "Aptauja", "x", "x", "", "", "", "", "", "", "", ""],
        ["1.1", "Rezultāti", "", "x", "", "", "", "", "", "", "", ""],
        ["2", "Rīcības dienas", "", "", "x", "", "", "", "", "", "", ""],
    ]
    assert "Aptauja nosūtīta visiem." in html
    assert 'alt="Skolēni aizpilda aptauju"' in html
    assert html.count('class="pack-activity"') == 3


def test_green_flag_pack_links_grid_rows_to_the_activities_in_the_document(
    client, plan
):
    html = client.get(plan.url + "green-flag-pack/").content.decode()
    survey = ActivityPage.objects.get(number="1")

    assert f'<a href="#activity-{survey.pk}">Aptauja</a>' in html
    assert f'<article class="pack-activity" id="activity-{survey.pk}">' in html


def test_green_flag_pack_prints_the_grid_on_a_page_of_its_own(client, plan):
    html = client.get(plan.url + "green-flag-pack/").content.decode()

    assert 'class="pack-section pack-grid"' in html
    assert '<link rel="stylesheet" href="/static/css/action-plan.css">' in html


def test_activity_page_shows_evidence_photos_with_their_alt_text(client, plan):
    survey = ActivityPage.objects.get(number="1")

    html = client.get(survey.url).content.decode()

    assert 'alt="Skolēni aizpilda aptauju"' in html
    assert "Aptauja nosūtīta visiem." in html
