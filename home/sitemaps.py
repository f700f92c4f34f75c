from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PortalSitemap(Sitemap):
    """Every live page of the requested site, in every language.

    Wagtail's own sitemap lists only the descendants of the site's root page, which
    is the Latvian tree; the English tree is a sibling of it, under its translation.
    """

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
