"""Sharing a story from outside: a draft in the school's workflow until approved."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from PIL import Image
from wagtail.models import WorkflowState

from stories.models import GoodPracticeStoryPage
from tests.network import staff_member
from tests.stories.conftest import in_latvian, stories_index
from tests.stories.uploads import docx, exe, fake_jpeg, jpeg, pdf, png, text_named_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TITLE = "Kompostēšana skolas dārzā"


def form_data(**overrides):
    data = {
        "school_name": "Rēzeknes 5. vidusskola",
        "country": "LV",
        "contact_name": "Ilze Ozola",
        "contact_email": "ilze@example.com",
        "title": TITLE,
        "intro": "Virtuves atkritumus kompostējam un kompostu izmantojam dobēs.",
        "theme": "waste",
        "audience": "primary",
        "problem": "Ēdnīcas atkritumi nonāca sadzīves atkritumos.",
        "what_was_done": "Uzbūvējām trīs kompostkastes.\n\nKlases dežurē pa nedēļām.",
        "results": "400 kg mazāk atkritumu gadā.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def submit(client, school, **overrides):
    index = stories_index(school)
    return client.post(index.url + "submit/", form_data(**overrides))


@pytest.fixture
def moderator(lit):
    return staff_member(lit, "moderator", email="moderatore@lit.example")


def test_form_is_shown_with_a_label_for_every_field(client, lit):
    response = client.get(stories_index(lit).url + "submit/")

    html = response.content.decode()
    assert response.status_code == 200
    for field in ("id_school_name", "id_title", "id_photo_1", "id_photo_1_alt"):
        assert f'<label for="{field}">' in html


def test_shared_story_lands_as_a_draft_in_the_schools_moderation_workflow(
    client, lit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, lit)

    assert response.status_code == 302
    story = GoodPracticeStoryPage.objects.get(title=TITLE)
    assert not story.live
    assert story.get_parent().pk == stories_index(lit).pk
    assert story.submitted_by_school == "Rēzeknes 5. vidusskola"
    assert story.submitted_by_country == "LV"
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Latgales Industriālais tehnikums: moderācija"


def test_shared_story_is_not_public_until_approved(
    client, lit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, lit)
    story = GoodPracticeStoryPage.objects.get(title=TITLE)

    assert client.get(f"{stories_index(lit).url}{story.slug}/").status_code == 404
    assert TITLE not in client.get(stories_index(lit).url).content.decode()


def test_moderators_are_mailed_about_a_shared_story(
    client, lit, moderator, django_capture_on_commit_callbacks
):
    staff_member(lit, "editor", email="redaktors@lit.example")

    with django_capture_on_commit_callbacks(execute=True):
        submit(client, lit)

    subject = in_latvian(
        "A story to review: “%(title)s” from %(submitted_by_school)s",
        html=False,
        title=TITLE,
        submitted_by_school="Rēzeknes 5. vidusskola",
    )
    portal_mail = [m for m in mail.outbox if m.subject == subject]
    assert [m.to for m in portal_mail] == [["moderatore@lit.example"]]
    assert "Ilze Ozola" in portal_mail[0].body
    story = GoodPracticeStoryPage.objects.get(title=TITLE)
    assert f"/admin/pages/{story.pk}/edit/" in portal_mail[0].body


def test_moderator_approval_publishes_the_shared_story(
    client, lit, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, lit)
    story = GoodPracticeStoryPage.objects.get(title=TITLE)
    task_state = WorkflowState.objects.get(object_id=str(story.pk)).current_task_state
    client.force_login(moderator)

    response = client.post(
        f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )

    assert response.status_code in (200, 302)
    story.refresh_from_db()
    assert story.live
    client.logout()
    page = client.get(f"{stories_index(lit).url}{story.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<p>Uzbūvējām trīs kompostkastes.</p>" in html
    assert "Rēzeknes 5. vidusskola" in html


def test_a_photo_with_its_description_joins_the_gallery_in_the_schools_collection(
    client, lit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(
            client, lit, photo_1=jpeg(), photo_1_alt="Skolēni pie kompostkastēm"
        )

    assert response.status_code == 302
    story = GoodPracticeStoryPage.objects.get(title=TITLE)
    [photo] = story.gallery
    assert photo.value["alt_text"] == "Skolēni pie kompostkastēm"
    assert photo.value["image"].collection.name == "Latgales Industriālais tehnikums"


def test_materials_of_accepted_types_are_attached(
    client, lit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, lit, material_1=pdf(), material_2=docx())

    story = GoodPracticeStoryPage.objects.get(title=TITLE)
    names = sorted(block.value["document"].file_extension for block in story.materials)
    assert names == ["docx", "pdf"]


def assert_refused_and_form_kept(response, field, message):
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    # The error is tied to its input, after the hint where the field has one.
    described_by = rf'aria-describedby="(id_{field}_helptext )?id_{field}_error"'
    assert re.search(described_by, html)
    assert f'id="id_{field}_error"' in html
    # What the person wrote is still there.
    assert f'value="{TITLE}"' in html
    assert "Uzbūvējām trīs kompostkastes." in html
    assert not GoodPracticeStoryPage.objects.filter(title=TITLE).exists()


def test_text_with_an_image_name_is_refused_and_the_form_kept(client, lit):
    response = submit(client, lit, photo_1=fake_jpeg(), photo_1_alt="Kompostkastes")

    assert_refused_and_form_kept(
        response,
        "photo_1",
        in_latvian(
            "“%(name)s” is not a photo we can use. Upload a JPEG, PNG, GIF or "
            "WebP image.",
            name="photo.jpg",
        ),
    )


def test_too_large_photo_is_refused_and_the_form_kept(client, lit, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2_000
    photo = png(size=(200, 200), noise=True)
    assert photo.size > 2_000

    response = submit(client, lit, photo_1=photo, photo_1_alt="Kompostkastes")

    with translation.override("lv"):
        sizes = {"size": filesizeformat(photo.size), "limit": filesizeformat(2_000)}
    assert_refused_and_form_kept(
        response,
        "photo_1",
        in_latvian(
            "“%(name)s” is %(size)s; files up to %(limit)s are accepted.",
            name="photo.png",
            **sizes,
        ),
    )


def too_many_pixels(limit):
    return in_latvian(
        "“%(name)s” has too many pixels (more than %(limit)s million). "
        "Make the photo smaller and upload it again.",
        name="photo.png",
        limit=limit,
    )


def test_photo_with_too_many_pixels_is_refused_and_the_form_kept(client, lit, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000

    response = submit(
        client, lit, photo_1=png(size=(200, 100)), photo_1_alt="Kompostkastes"
    )

    assert_refused_and_form_kept(response, "photo_1", too_many_pixels("0.01"))


def test_pillows_decompression_bomb_guard_refuses_the_photo_with_a_clear_message(
    client, lit, monkeypatch
):
    # Pillow refuses images over twice its limit before decoding a single pixel.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)

    response = submit(
        client, lit, photo_1=png(size=(100, 100)), photo_1_alt="Kompostkastes"
    )

    assert_refused_and_form_kept(response, "photo_1", too_many_pixels("40"))


def test_document_of_a_type_not_accepted_is_refused_and_the_form_kept(client, lit):
    response = submit(client, lit, material_1=exe())

    assert_refused_and_form_kept(
        response,
        "material_1",
        in_latvian(
            "“%(name)s” is not a document type we accept. Accepted: %(types)s.",
            name="programma.exe",
            types="PDF, DOCX, XLSX, PPTX, ODT, ODS, CSV, TXT",
        ),
    )


def test_document_whose_content_does_not_match_its_name_is_refused(client, lit):
    response = submit(client, lit, material_1=text_named_pdf())

    assert_refused_and_form_kept(
        response,
        "material_1",
        in_latvian(
            "“%(name)s” is not really a %(type)s file. Save it again as "
            "%(type)s, or upload it in another accepted type: %(types)s.",
            name="atskaite.pdf",
            type="PDF",
            types="PDF, DOCX, XLSX, PPTX, ODT, ODS, CSV, TXT",
        ),
    )


def test_photo_without_a_description_is_refused(client, lit):
    response = submit(client, lit, photo_1=jpeg(), photo_1_alt="")

    assert_refused_and_form_kept(
        response,
        "photo_1_alt",
        in_latvian(
            "Describe what the photo shows: people who cannot see it will hear "
            "this text."
        ),
    )


def test_form_filled_in_by_a_robot_is_thanked_and_dropped(client, lit):
    response = submit(client, lit, website="http://spam.example")

    assert response.status_code == 302
    assert response["Location"].endswith("/submit/thanks/")
    assert not GoodPracticeStoryPage.objects.filter(title=TITLE).exists()


def test_too_many_stories_from_one_address_are_held_back_with_the_form_kept(
    client, lit, settings, django_capture_on_commit_callbacks
):
    settings.STORIES_SUBMISSIONS_PER_HOUR = 1
    window = timezone.now().replace(minute=0, second=0, microsecond=0)
    with time_machine.travel(window + timedelta(hours=1, minutes=30), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            submit(client, lit)

        response = submit(client, lit, title="Otrais stāsts")

    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    assert "No jūsu adreses nosūtīts pārāk daudz veidlapu." in html
    assert "nosūtiet to vēlreiz pēc 30 minūtēm." in html
    assert 'value="Otrais stāsts"' in html
    assert "Uzbūvējām trīs kompostkastes." in html
    assert not GoodPracticeStoryPage.objects.filter(title="Otrais stāsts").exists()


def test_stories_shown_again_with_errors_do_not_use_up_the_limit(
    client, lit, settings, django_capture_on_commit_callbacks
):
    settings.STORIES_SUBMISSIONS_PER_HOUR = 1
    for mistake in ({"contact_email": "ilze@"}, {"consent": ""}, {"problem": ""}):
        assert submit(client, lit, **mistake).status_code == 400

    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, lit)

    assert response.status_code == 302
    assert GoodPracticeStoryPage.objects.filter(title=TITLE).exists()


def test_school_that_does_not_accept_stories_has_no_form(client, lit):
    index = stories_index(lit)
    index.accepts_submissions = False
    index.save_revision().publish()

    assert client.get(index.url + "submit/").status_code == 404
