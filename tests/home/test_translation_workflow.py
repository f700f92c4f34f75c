"""A school page goes through wagtail-localize's own workflow: translate, sync, publish.

Pinned versions of Wagtail and wagtail-localize must keep this path working; an
upgrade that breaks translation fails here.
"""

from urllib.parse import urlencode

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from home.models import HomePage, SchoolPage

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def new_school(network):
    hub = HomePage.objects.get(locale__language_code="lv")
    school = hub.add_child(
        instance=SchoolPage(
            title="Rēzeknes Valsts poļu ģimnāzija",
            slug="rvpg",
            city="Rēzekne",
            intro="<p>Mēs taupām ūdeni.</p>",
            live=False,
        )
    )
    school.save_revision().publish()
    return school


def test_school_page_is_translated_synced_and_published_through_wagtail_localize(
    client, admin_user, new_school, django_capture_on_commit_callbacks
):
    english = Locale.objects.get(language_code="en")
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        submitted = client.post(
            f"/admin/localize/submit/page/{new_school.pk}/", {"locales": [english.pk]}
        )
    assert submitted.status_code == 302
    draft = new_school.get_translation(english)
    assert draft.title == "Rēzeknes Valsts poļu ģimnāzija"  # not translated yet

    translation = Translation.objects.get(
        source__object_id=new_school.translation_key, target_locale=english
    )
    for source_text, english_text in [
        ("Rēzeknes Valsts poļu ģimnāzija", "Rēzekne State Polish Gymnasium"),
        ("Mēs taupām ūdeni.", "We save water."),
    ]:
        segment = StringSegment.objects.get(
            source=translation.source, string__data=source_text
        )
        # What the translation editor sends when a translator saves a string.
        saved = client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            urlencode({"value": english_text}),
            content_type="application/x-www-form-urlencoded",
        )
        assert saved.status_code == 201, saved.content

    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(f"/admin/pages/{draft.pk}/edit/", {"action": "publish"})
    assert published.status_code == 302
    english_school = SchoolPage.objects.get(pk=draft.pk)
    assert english_school.live
    assert english_school.title == "Rēzekne State Polish Gymnasium"

    new_school.city = "Rēzeknes valstspilsēta"
    new_school.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        synced = client.post(
            f"/admin/localize/update/{translation.source.pk}/",
            {"publish_translations": "on"},
        )
    assert synced.status_code == 302
    english_school.refresh_from_db()
    assert english_school.city == "Rēzeknes valstspilsēta"
    assert english_school.title == "Rēzekne State Polish Gymnasium"

    client.logout()
    page = client.get("/en/rvpg/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Rēzekne State Polish Gymnasium</h1>" in html
    assert "We save water." in html
