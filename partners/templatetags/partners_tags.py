from django import template
from wagtail.models import Locale

from partners.models import PartnerPage

register = template.Library()


@register.simple_tag
def partners_of(page):
    """The partners whose page links to `page` as done together, in the active
    language where translated."""
    partners = (
        PartnerPage.objects.live()
        .public()
        .filter(
            locale=Locale.get_default(),
            related_pages__page__translation_key=page.translation_key,
        )
        .distinct()
        .order_by("title")
    )
    return [partner.localized for partner in partners]
