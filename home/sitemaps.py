from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site


class PortalSitemap(Sitemap):
    """Every live page of the requested site, in every language.

    Wagtail's own sitemap lists only the descendants of the site's root page, which
    is the Latvian tree; the English tree is a sibling of it, under its translation.
    """

    def items(self):
        site = self.get_wagtail_site()
        in_a_tree, in_another_site = Q(), Q()
        for root in site.root_page.get_translations(inclusive=True):
            in_a_tree |= Q(path__startswith=root.path)
        # A school with its own site lists its pages in its own sitemap, under its
        # own host name, not again in the hub's.
        other_roots = Page.objects.filter(
            depth__gt=site.root_page.depth,
            translation_key__in=Site.objects.exclude(pk=site.pk).values(
                "root_page__translation_key"
            ),
        )
        for root in other_roots:
            in_another_site |= Q(path__startswith=root.path)
        pages = Page.objects.filter(in_a_tree)
        if other_roots:
            pages = pages.exclude(in_another_site)
        return pages.live().public().order_by("path").defer_streamfields().specific()
