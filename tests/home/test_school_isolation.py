"""An editor of one school can work in it and cannot touch another school.

Every check goes through the Wagtail admin views, as the editor's browser would.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import ContentPage

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def lit_editor(network, make_member):
    return make_member("lit-redaktore", "lit editors")


@pytest.fixture
def lvt_page(network):
    page = network["lvt"].add_child(
        instance=ContentPage(title="Mūsu ekokodekss", slug="ekokodekss", live=False)
    )
    page.save_revision().publish()
    page.title = "Melnraksts, ko redz tikai LVT"
    page.save_revision()
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def lit_page(network):
    page = network["lit"].add_child(
        instance=ContentPage(title="Par ekopadomi", slug="ekopadome", live=False)
    )
    page.save_revision().publish()
    return page


def collection_of(school):
    return Collection.objects.get(name=school.title)


def edit_form_data(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": "",
        "body": streamfield([]),
    }
    data.update(changes)
    return nested_form_data(data)


def assert_refused(response):
    # Wagtail answers a refused admin action with a 403 or a redirect to the
    # dashboard carrying "permission" in its message; never with the page itself.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url in ("/admin/", "/admin/login/") or "login" in response.url


def test_editor_can_open_the_add_form_inside_their_school(client, lit_editor, network):
    client.force_login(lit_editor)

    response = client.get(f"/admin/pages/add/home/contentpage/{network['lit'].pk}/")

    assert response.status_code == 200


def test_editor_cannot_add_a_page_to_another_school(client, lit_editor, network):
    client.force_login(lit_editor)

    response = client.post(
        f"/admin/pages/add/home/contentpage/{network['lvt'].pk}/",
        edit_form_data(ContentPage(title="Svešs", slug="svess")),
    )

    assert_refused(response)
    assert not Page.objects.filter(slug="svess").exists()


def test_editor_cannot_edit_another_schools_page(client, lit_editor, lvt_page):
    client.force_login(lit_editor)

    get = client.get(f"/admin/pages/{lvt_page.pk}/edit/")
    post = client.post(
        f"/admin/pages/{lvt_page.pk}/edit/",
        edit_form_data(lvt_page, title="Pārrakstīts no LIT"),
    )

    assert_refused(get)
    assert_refused(post)
    assert lvt_page.get_latest_revision_as_object().title != "Pārrakstīts no LIT"


def test_editor_cannot_publish_another_schools_page(client, lit_editor, lvt_page):
    client.force_login(lit_editor)

    response = client.post(
        f"/admin/pages/{lvt_page.pk}/edit/",
        edit_form_data(lvt_page, title="Publicēts no LIT", **{"action-publish": "1"}),
    )

    assert_refused(response)
    assert Page.objects.get(pk=lvt_page.pk).title == "Mūsu ekokodekss"


def test_editor_cannot_move_another_schools_page(client, lit_editor, lvt_page, network):
    client.force_login(lit_editor)
    lit = network["lit"]

    choose = client.get(f"/admin/pages/{lvt_page.pk}/move/")
    confirm = client.post(f"/admin/pages/{lvt_page.pk}/move/{lit.pk}/confirm/")

    assert_refused(choose)
    assert_refused(confirm)
    assert Page.objects.get(pk=lvt_page.pk).get_parent().pk == network["lvt"].pk


def test_editor_cannot_delete_another_schools_page(client, lit_editor, lvt_page):
    client.force_login(lit_editor)

    response = client.post(f"/admin/pages/{lvt_page.pk}/delete/")

    assert_refused(response)
    assert Page.objects.filter(pk=lvt_page.pk).exists()


def test_editor_cannot_copy_a_page_into_another_school(
    client, lit_editor, lit_page, network
):
    client.force_login(lit_editor)
    lvt = network["lvt"]

    response = client.post(
        f"/admin/pages/{lit_page.pk}/copy/",
        {
            "new_title": "Kopija pie LVT",
            "new_slug": "kopija",
            "new_parent_page": lvt.pk,
            "copy_subpages": False,
            "publish_copies": False,
            "alias": False,
        },
    )

    assert response.status_code in (200, 302, 403)
    assert not Page.objects.child_of(lvt).filter(slug="kopija").exists()


def test_editor_cannot_preview_another_schools_draft(client, lit_editor, lvt_page):
    client.force_login(lit_editor)
    revision = lvt_page.get_latest_revision()

    draft = client.get(f"/admin/pages/{lvt_page.pk}/view_draft/")
    preview = client.get(f"/admin/pages/{lvt_page.pk}/edit/preview/")
    old_revision = client.get(
        f"/admin/pages/{lvt_page.pk}/revisions/{revision.pk}/view/"
    )

    for response in (draft, preview, old_revision):
        assert_refused(response)
        assert "Melnraksts, ko redz tikai LVT" not in response.content.decode()


def test_editor_can_preview_their_own_draft(client, lit_editor, lit_page):
    lit_page.title = "Ekopadomes melnraksts"
    lit_page.save_revision()
    client.force_login(lit_editor)

    response = client.get(f"/admin/pages/{lit_page.pk}/view_draft/")

    assert response.status_code == 200
    assert "Ekopadomes melnraksts" in response.content.decode()


def test_editor_submits_for_moderation_and_cannot_publish(client, lit_editor, lit_page):
    client.force_login(lit_editor)

    response = client.post(
        f"/admin/pages/{lit_page.pk}/edit/",
        edit_form_data(lit_page, title="Ekopadome 2026", **{"action-submit": "1"}),
    )

    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(lit_page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Latgales Industriālais tehnikums: moderācija"
    assert Page.objects.get(pk=lit_page.pk).title == "Par ekopadomi"


def test_moderator_publishes_inside_their_school(client, make_member, lit_page):
    moderator = make_member("lit-moderators", "lit moderators")
    client.force_login(moderator)

    response = client.post(
        f"/admin/pages/{lit_page.pk}/edit/",
        edit_form_data(lit_page, title="Ekopadome 2026", **{"action-publish": "1"}),
    )

    assert response.status_code == 302
    assert Page.objects.get(pk=lit_page.pk).title == "Ekopadome 2026"


def test_school_media_stays_in_its_own_collection(client, lit_editor, network):
    lvt_image = get_image_model_instance(collection_of(network["lvt"]), "LVT logo")
    lit_image = get_image_model_instance(collection_of(network["lit"]), "LIT logo")
    client.force_login(lit_editor)

    chooser = client.get("/admin/images/chooser/").content.decode()
    edit_other = client.get(f"/admin/images/{lvt_image.pk}/")
    chosen_other = client.get(f"/admin/images/chooser/{lvt_image.pk}/")

    assert "LIT logo" in chooser
    assert "LVT logo" not in chooser
    assert_refused(edit_other)
    assert chosen_other.status_code in (302, 403, 404)
    assert lit_image.pk != lvt_image.pk


def test_school_documents_stay_in_their_own_collection(client, lit_editor, network):
    lvt_document = Document.objects.create(
        title="LVT protokols",
        file=SimpleUploadedFile("protokols.txt", b"LVT"),
        collection=collection_of(network["lvt"]),
    )
    client.force_login(lit_editor)

    chooser = client.get("/admin/documents/chooser/").content.decode()
    edit_other = client.get(f"/admin/documents/edit/{lvt_document.pk}/")

    assert "LVT protokols" not in chooser
    assert_refused(edit_other)


def test_editor_uploads_only_into_their_schools_collection(client, lit_editor, network):
    client.force_login(lit_editor)
    lit_collection = collection_of(network["lit"])
    lvt_collection = collection_of(network["lvt"])

    into_lvt = client.post(
        "/admin/images/add/",
        {
            "title": "Svešā kolekcijā",
            "file": png_upload(),
            "collection": lvt_collection.pk,
        },
    )
    into_lit = client.post(
        "/admin/images/add/",
        {"title": "Ūdens diena", "file": png_upload(), "collection": lit_collection.pk},
    )

    # With one permitted collection Wagtail hides the choice and files the upload
    # there, whatever the request says.
    assert into_lvt.status_code == 302
    assert get_image_model().objects.get(title="Svešā kolekcijā").collection == (
        lit_collection
    )
    assert into_lit.status_code == 302
    assert (
        get_image_model().objects.get(title="Ūdens diena").collection == lit_collection
    )


def png_upload(name="foto.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (31, 111, 67)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def get_image_model_instance(collection, title):
    return get_image_model().objects.create(
        title=title, file=png_upload(), collection=collection
    )
