"""Demo content for the network hub; other apps add theirs through load_demo."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from home.translation import ensure_translation

HUB_TITLE = "Ekoskolu tīkls"
HUB_INTRO = (
    "<p>Latvijas ekoskolas dalās ar saviem rīcības plāniem, pasākumiem un labās "
    "prakses piemēriem.</p>"
)
HUB_STRINGS_EN = {
    HUB_TITLE: "Eco-Schools network",
    "Latvijas ekoskolas dalās ar saviem rīcības plāniem, pasākumiem un labās "
    "prakses piemēriem.": "Latvian eco-schools share their action plans, events "
    "and good practice.",
}


def ensure_locales():
    for code in ("lv", "en"):
        Locale.objects.get_or_create(language_code=code)


@transaction.atomic
def load_hub():
    """The hub as the default site's root, replacing Wagtail's welcome page."""
    ensure_locales()
    lv = Locale.objects.get(language_code="lv")
    root = Page.get_first_root_node()
    hub = HomePage.objects.filter(locale=lv).first()
    if hub is None:
        hub = root.add_child(
            instance=HomePage(
                title=HUB_TITLE, slug="ekoskolas", intro=HUB_INTRO, locale=lv
            )
        )
        hub.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname, site.port, site.root_page = "localhost", 80, hub
    site.site_name = "Ekoskolu portāls"
    site.save()
    # The welcome page Wagtail's first migration creates is of the plain Page type.
    for page in root.get_children().exact_type(Page):
        page.delete()
    ensure_translation(hub, "en", HUB_STRINGS_EN)
    return hub


def load():
    return load_hub()
