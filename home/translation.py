"""Translating content through wagtail-localize from code (demo content, imports)."""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


@transaction.atomic
def translate(instance, language_code, strings, user=None):
    """Create or update the `language_code` translation of a page or snippet.

    `strings` maps source strings to their translations; a source string with no
    entry keeps its original text. The result is the same as an editor
    translating in wagtail-localize's editor and publishing: the translation stays
    linked to its source and is synced when the source changes.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(
        source=source,
        target_locale=locale,
        defaults={"enabled": True},
    )
    segments = StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    )
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    if not isinstance(instance, Page):
        translation.save_target(user=user, publish=True)
        return instance.get_translation(locale)
    # Publish now rather than through wagtail-localize's on-commit publish: that one
    # replays the page as it was in memory, and inside a longer transaction (a
    # school and its sections) it would write back a stale child count and
    # corrupt the page tree.
    translation.save_target(user=user, publish=False)
    target = instance.get_translation(locale)
    target.get_latest_revision().publish(user=user)
    return target.specific


def ensure_translation(instance, language_code, strings):
    """Translate only when no translation exists yet, so reloading changes nothing."""
    existing = instance.get_translation_or_none(
        Locale.objects.get(language_code=language_code)
    )
    return existing or translate(instance, language_code, strings)
