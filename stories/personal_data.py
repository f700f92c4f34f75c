"""Personal data of shared stories: the contact of who shared it from outside.

The public form stores the submitter's name and e-mail on the draft page. Wagtail
keeps them in every revision too, and wagtail-localize in the translation source
and its synchronised segments once the story is translated: forgetting them
means all of those, and the search index entry is written again.
"""

import json

from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision, WorkflowState
from wagtail.search import index
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    TranslationSource,
)

from home.personal_data import (
    Entry,
    Retention,
    Treatment,
    Viewer,
    days_text,
    entry,
    register,
    rows,
    scrub,
)
from stories.models import GoodPracticeStoryPage

CONTACT_FIELDS = ("submitted_by_name", "submitted_by_email")
UNDECIDED = _(
    "A story nobody decides on loses them the same time after its last change."
)


def settled_at(story):
    """When the story's fate was decided: published, or moderation ended without it.

    None while it waits for moderation, or was never submitted to it.
    """
    if story.first_published_at:
        return story.first_published_at
    state = WorkflowState.objects.for_instance(story).order_by("-created_at").first()
    if state is None or state.status == WorkflowState.STATUS_IN_PROGRESS:
        return None
    return story.latest_revision_created_at


def retention_start(story):
    """The moment the period counts from: the decision, or, for a story nobody
    decided on, its last change (a story left in moderation does not keep its
    submitter's contact for ever)."""
    moment = settled_at(story)
    if moment is not None:
        return moment
    state = WorkflowState.objects.for_instance(story).first()
    if state is None:
        return None
    return story.latest_revision_created_at or state.created_at


def _scrub_json_text(text, needles):
    return json.dumps(scrub(json.loads(text), needles), ensure_ascii=False)


def forget(story):
    """Blank the contact in the page, its revisions and its translation sources."""
    story = GoodPracticeStoryPage.objects.get(pk=story.pk)
    needles = [getattr(story, name) for name in CONTACT_FIELDS]
    needles = [needle for needle in needles if needle]
    translations = GoodPracticeStoryPage.objects.filter(
        translation_key=story.translation_key
    )
    translations.update(**dict.fromkeys(CONTACT_FIELDS, ""))
    for page in translations:
        for revision in Revision.objects.for_instance(page):
            if any(revision.content.get(name) for name in CONTACT_FIELDS):
                revision.content.update(dict.fromkeys(CONTACT_FIELDS, ""))
                revision.save(update_fields=["content"])
    if needles:
        sources = TranslationSource.objects.filter(object_id=story.translation_key)
        for source in sources:
            source.content_json = _scrub_json_text(source.content_json, needles)
            source.save(update_fields=["content_json"])
        for model in (OverridableSegment, SegmentOverride):
            if model is OverridableSegment:
                segments = model.objects.filter(source__in=sources)
            else:
                segments = model.objects.filter(
                    context__object_id=story.translation_key
                )
            for segment in segments:
                cleaned = _scrub_json_text(segment.data_json, needles)
                if cleaned != segment.data_json:
                    segment.data_json = cleaned
                    segment.save(update_fields=["data_json"])
    for page in translations:
        index.insert_or_update_object(page)


def holding_contact():
    return GoodPracticeStoryPage.objects.exclude(
        submitted_by_name="", submitted_by_email=""
    )


def expire_submitters(now):
    """Forget submitters a set time after their story was decided on."""
    cutoff = entry("stories.submitters").retention.cutoff(now)
    if cutoff is None:
        return 0
    forgotten = 0
    done = set()
    for story in holding_contact():
        if story.translation_key in done:
            continue
        moment = retention_start(story)
        if moment is None or moment > cutoff:
            continue
        forget(story)
        done.add(story.translation_key)
        forgotten += 1
    return forgotten


def erase_submitter(person):
    stories = holding_contact().filter(submitted_by_email__iexact=person.email)
    keys = set()
    for story in stories:
        if story.translation_key not in keys:
            keys.add(story.translation_key)
            forget(story)
    return len(keys)


def export_submitter(person):
    return rows(
        holding_contact().filter(submitted_by_email__iexact=person.email),
        "title",
        "submitted_by_school",
        "submitted_by_country",
        *CONTACT_FIELDS,
        "first_published_at",
        "latest_revision_created_at",
    )


def submitter_names(email):
    return (
        holding_contact()
        .filter(submitted_by_email__iexact=email)
        .values_list("submitted_by_name", flat=True)
    )


register(
    Entry(
        key="stories.submitters",
        label=_("Contacts of shared stories"),
        situation=_("Sharing a good-practice story"),
        data=_("Your name, e-mail and school, with the story and files you send."),
        model=GoodPracticeStoryPage,
        fields=CONTACT_FIELDS,
        retention=Retention(
            counted_from=_("the decision on the story"),
            setting="PERSONAL_DATA_RETENTION_DAYS",
            key="story_submissions",
        ),
        describe=lambda retention: " ".join(
            (
                days_text(
                    "Contact details are removed %(days)s day after the story is "
                    "published or declined.",
                    "Contact details are removed %(days)s days after the story is "
                    "published or declined.",
                )(retention),
                str(UNDECIDED),
            )
        ),
        treatment=Treatment.BLANKED,
        visible_to=(Viewer.SCHOOL_STAFF, Viewer.OPERATOR),
        expire=expire_submitters,
        held=holding_contact,
        oldest_field="latest_revision_created_at",
        school_path="path",
        erase=erase_submitter,
        export=export_submitter,
        names=submitter_names,
        order=20,
    )
)
