from decimal import Decimal

from django import template
from django.utils import formats

from home.models import sources_in_active_language
from stories.models import (
    GoodPracticeLibraryPage,
    GoodPracticeStoryPage,
    adopting_schools,
    live_stories_in,
    prepare_cards,
)

register = template.Library()


@register.filter
def lookup(mapping, key):
    """`mapping|lookup:key` — a dict entry in a template, or an empty list."""
    if not mapping:
        return []
    return mapping.get(key, [])


@register.filter
def measured(value):
    """A measured number as people write it: 1 200, 2,5 — no trailing zeros."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    number = (
        number.quantize(Decimal(1))
        if number == number.to_integral()
        else (number.normalize())
    )
    return formats.number_format(number, use_l10n=True, force_grouping=True)


@register.simple_tag
def latest_stories(count=3):
    """The newest live stories of the whole network, ready for story cards."""
    return prepare_cards(live_stories_in().order_by("-first_published_at")[:count])


@register.simple_tag
def story_adopters(stories):
    """{story translation_key: adopting schools} for the cards of these stories."""
    return adopting_schools(stories)


@register.simple_tag
def good_practice_library(hub):
    return hub.get_children().live().type(GoodPracticeLibraryPage).first()


@register.simple_tag
def stories_naming_partner(partner):
    """Live stories that name this partner, in the partner page's language."""
    return (
        GoodPracticeStoryPage.objects.live()
        .public()
        .filter(
            locale=partner.locale, partners__translation_key=partner.translation_key
        )
        .distinct()
        .order_by("-first_published_at")
    )


@register.simple_tag
def stories_adopted_into(activity):
    """The practices schools took into this activity of their plan."""
    return sources_in_active_language(
        GoodPracticeStoryPage.objects.filter(
            adoptions__activity__translation_key=activity.translation_key
        )
    )
