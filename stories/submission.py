"""Turning a shared story into a draft that the school's moderators review."""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.models import EcoTheme
from notifications.outbox import send_to_school_staff
from stories.models import GoodPracticeStoryPage
from stories.uploads import validate_image

logger = logging.getLogger(__name__)


def paragraphs(text):
    """Plain text from a textarea as rich text: one <p> per blank-line block."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>{}</p>".format(escape(block).replace("\n", "<br>"))
        for block in blocks
        if block
    )


def unique_slug(parent, title):
    base = slugify(title)[:70].strip("-") or "stasts"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def school_collection(school):
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=school.title).first() or root


def notify_moderators(story, school):
    """Mail the school's moderators, through the outbox, after the commit."""
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    send_to_school_staff(
        school,
        template="stories/mail/story_submitted",
        context={
            "title": story.title,
            "submitted_by_school": story.submitted_by_school,
            "submitted_by_name": story.submitted_by_name,
            "submitted_by_email": story.submitted_by_email,
            "edit_url": base_url + reverse("wagtailadmin_pages:edit", args=[story.pk]),
        },
        key=f"stories:submitted:{story.pk}",
        moderators_only=True,
    )


@transaction.atomic
def create_submitted_story(index, data):
    """Create the story as a draft under `index` and start the school's workflow.

    Nothing is published: the moderators of the school review it in Wagtail.
    """
    school = index.school
    collection = school_collection(school)
    gallery = []
    image_model = get_image_model()
    for upload, alt_text in data["photos"]:
        extension = validate_image(upload)
        upload.name = f"{slugify(alt_text)[:40] or 'foto'}.{extension}"
        image = image_model(title=alt_text[:255], file=upload, collection=collection)
        image._set_image_file_metadata()
        image.save()
        gallery.append(("photo", {"image": image, "alt_text": alt_text, "caption": ""}))
    materials = []
    document_model = get_document_model()
    for upload in data["materials"]:
        document = document_model(
            title=upload.name.rsplit(".", 1)[0][:255] or upload.name,
            file=upload,
            collection=collection,
        )
        document._set_document_file_metadata()
        document.save()
        materials.append(("document", {"document": document, "title": ""}))

    theme = None
    if data.get("theme"):
        theme = (
            EcoTheme.objects.filter(slug=data["theme"], locale=index.locale).first()
            or EcoTheme.objects.filter(slug=data["theme"]).first()
        )
    results = paragraphs(data.get("results", ""))
    story = GoodPracticeStoryPage(
        title=data["title"],
        slug=unique_slug(index, data["title"]),
        locale=index.locale,
        live=False,
        intro=data["intro"],
        theme=theme,
        audience=data["audience"],
        problem=paragraphs(data["problem"]),
        what_was_done=paragraphs(data["what_was_done"]),
        results_text=results,
        gallery=gallery,
        materials=materials,
        submitted_by_school=data["school_name"],
        submitted_by_country=data.get("country", ""),
        submitted_by_name=data["contact_name"],
        submitted_by_email=data["contact_email"],
    )
    index.add_child(instance=story)
    story.save_revision(log_action=True)
    workflow = story.get_workflow()
    if workflow is not None:
        # No account submits: the workflow records the request without a user.
        workflow.start(story, user=None)
        notify_moderators(story, school)
    else:
        logger.warning(
            "Story %s was shared with %s, which has no moderation workflow",
            story.pk,
            school,
        )
    return story
