from django import template

from home.models import sources_in_active_language
from partners.models import PartnerPage

register = template.Library()


@register.simple_tag
def partners_of(page):
    """The partners whose page links to `page` as work done together."""
    return sources_in_active_language(
        PartnerPage.objects.filter(
            related_pages__page__translation_key=page.translation_key
        )
    )
