"""Image renditions are made after upload, so no visitor waits for them."""

import datetime
import io
import logging
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import engines
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.images.templatetags.wagtailimages_tags import ImageNode, SrcsetImageNode
from wagtail.models import Collection

from events.models import EventIndexPage, EventPage
from home.renditions import SPECS
from home.tasks import generate_renditions
from tests.factories import SchoolFactory
from tests.network import publish

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    # Wagtail caches renditions by image id, and a rolled-back test may reuse ids.
    cache.clear()
    yield
    cache.clear()


def png(name="koks.png", size=(1200, 900), colour="green"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def upload(admin_client, django_capture_on_commit_callbacks):
    """Upload through the admin's multiple-upload view, as an editor's browser does."""

    def post(file, collection=None):
        collection = collection or Collection.get_first_root_node()
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                reverse("wagtailimages:add_multiple"),
                {"files[]": file, "collection": collection.pk},
            )
        data = response.json()
        assert data["success"], data
        return get_image_model().objects.get(pk=data["image_id"])

    return post


def renditions_by_spec(image):
    return {rendition.filter_spec: rendition for rendition in image.renditions.all()}


def test_uploading_an_image_in_the_admin_makes_every_public_rendition(upload):
    image = upload(png())

    made = renditions_by_spec(image)

    assert set(made) == set(SPECS)
    for rendition in made.values():
        assert rendition.file.storage.exists(rendition.file.name)
    assert (made["width-480"].width, made["width-480"].height) == (480, 360)


def test_event_page_shows_an_uploaded_image_without_making_a_rendition(
    client, upload, hub, django_capture_on_commit_callbacks
):
    school = SchoolFactory(title="Ogres tehnikums", slug="ogre", hostname=None)
    image = upload(png())
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        event = publish(
            EventIndexPage.objects.child_of(school).get(),
            EventPage(
                title="Koku stādīšana",
                start=start,
                end=start + datetime.timedelta(hours=2),
                image=image,
            ),
        )
    Rendition = get_image_model().get_rendition_model()
    before = Rendition.objects.count()

    html = client.get(event.url).content.decode()

    assert renditions_by_spec(image)["width-960"].url in html
    assert Rendition.objects.count() == before


def test_replacing_the_file_in_the_admin_makes_the_renditions_again(
    admin_client, upload, django_capture_on_commit_callbacks
):
    image = upload(png(size=(1200, 900)))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {
                "title": image.title,
                "collection": Collection.get_first_root_node().pk,
                "file": png("plats.png", size=(1200, 600), colour="blue"),
                "tags": "",
            },
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    made = renditions_by_spec(image)
    assert set(made) == set(SPECS)
    assert (made["width-480"].width, made["width-480"].height) == (480, 240)
    for rendition in made.values():
        assert "plats" in rendition.file.name
        assert rendition.file.storage.exists(rendition.file.name)


def test_upload_succeeds_while_the_broker_is_down(upload, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(generate_renditions, "delay", refuse)

    with caplog.at_level(logging.WARNING, logger="home.renditions"):
        image = upload(png())

    assert image.renditions.count() == 0
    assert f"Could not queue renditions of image {image.pk}" in caplog.text


def test_the_task_for_a_deleted_image_does_nothing():
    image = get_image_model().objects.create(title="Dzēšams", file=png())
    image_id = image.pk
    image.delete()

    assert generate_renditions(image_id) == "missing"


def test_the_task_logs_an_image_whose_file_is_not_an_image(caplog):
    image = get_image_model().objects.create(title="Bojāts", file=png())
    storage, name = image.file.storage, image.file.name
    storage.delete(name)
    storage.save(name, io.BytesIO(b"not a picture at all" * 20))

    with caplog.at_level(logging.WARNING, logger="home.tasks"):
        assert generate_renditions(image.pk) == "unreadable"

    assert image.renditions.count() == 0
    assert f"Could not make renditions of image {image.pk}" in caplog.text


def test_the_task_logs_an_image_whose_file_is_gone(caplog):
    image = get_image_model().objects.create(title="Pazudis", file=png())
    image.file.storage.delete(image.file.name)

    with caplog.at_level(logging.WARNING, logger="home.tasks"):
        assert generate_renditions(image.pk) == "unreadable"

    assert image.renditions.count() == 0


def test_running_the_task_again_makes_nothing_new(upload):
    image = upload(png())
    first = sorted(image.renditions.values_list("pk", "file"))

    generate_renditions(image.pk)

    assert sorted(image.renditions.values_list("pk", "file")) == first


# The list of specs and the templates -----------------------------------------


def template_folders():
    """The portal's own template folders: the project's and its apps'."""
    base = Path(django_settings.BASE_DIR)
    folders = [Path(folder) for folder in django_settings.TEMPLATES[0]["DIRS"]]
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(base) and ".venv" not in path.parts:
            folders.append(path / "templates")
    return [folder for folder in folders if folder.is_dir()]


def specs_in_templates():
    """Filter spec → templates, read by Django's own template parser."""
    engine = engines["django"]
    found = {}
    for folder in template_folders():
        for path in sorted(folder.rglob("*.html")):
            name = path.relative_to(folder).as_posix()
            nodelist = engine.get_template(name).template.nodelist
            for node in nodelist.get_nodes_by_type(ImageNode):
                if isinstance(node, SrcsetImageNode):  # also {% picture %}
                    specs = [f.spec for f in node.get_filters()]
                else:
                    specs = [node.get_filter().spec]
                for spec in specs:
                    found.setdefault(spec, set()).add(name)
    return found


def test_every_image_size_the_templates_use_is_made_after_upload():
    used = specs_in_templates()

    missing = {spec: sorted(names) for spec, names in used.items() if spec not in SPECS}

    assert used, "no {% image %} tags found: is the template search broken?"
    assert not missing, f"add these to home.renditions.SPECS: {missing}"


def test_no_image_size_is_made_that_no_template_uses():
    unused = set(SPECS) - set(specs_in_templates())

    assert not unused, f"remove these from home.renditions.SPECS: {sorted(unused)}"


def test_command_makes_the_renditions_of_images_uploaded_before(capsys):
    from django.core.management import call_command

    # Saved without its commit hooks running, like an image from before the feature.
    image = get_image_model().objects.create(title="Vecs attēls", file=png())
    assert image.renditions.count() == 0

    call_command("generate_renditions")

    assert set(renditions_by_spec(image)) == set(SPECS)
    assert "1 images, 6 sizes each: 1 done." in capsys.readouterr().out
