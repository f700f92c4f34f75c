"""Demo content for the network hub and its schools; other apps add theirs."""

import os
from datetime import date

from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.models import (
    AccessibilityStatementPage,
    HomePage,
    PrivacyNoticePage,
    SchoolPage,
)
from home.schools import create_school
from home.translation import ensure_translation

# Browsers resolve *.localhost to this machine, so under `make run` every school
# answers on its own host name, SLUG.localhost:8000.
DEMO_PORT = int(os.environ.get("PORTAL_DEMO_PORT", "8000"))

# slug, name, city, status, Green Flag year, member since, short name, lat, lon
SCHOOLS = [
    (
        "lit",
        "Latgales Industriālais tehnikums",
        "Daugavpils",
        "green_flag",
        2025,
        2016,
        "LIT",
        "55.87470",
        "26.53620",
    ),
    (
        "lvt",
        "Liepājas Valsts tehnikums",
        "Liepāja",
        "green_flag",
        2024,
        2012,
        "LVT",
        "56.50470",
        "21.01080",
    ),
    (
        "saskanas",
        "Daugavpils Saskaņas pamatskola",
        "Daugavpils",
        "member",
        None,
        2019,
        "",
        "55.88190",
        "26.51700",
    ),
    (
        "kimijas-pii",
        "Daugavpils ķīmijas apkaimes pirmsskolas izglītības iestāde",
        "Daugavpils",
        "silver",
        None,
        2020,
        "",
        "55.86050",
        "26.58760",
    ),
]

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
                title=HUB_TITLE,
                slug="ekoskolas",
                intro=HUB_INTRO,
                locale=lv,
                live=False,
            )
        )
        hub.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname, site.port, site.root_page = "localhost", DEMO_PORT, hub
    site.site_name = "Ekoskolu portāls"
    site.save()
    # The welcome page Wagtail's first migration creates is of the plain Page type.
    for page in root.get_children().exact_type(Page):
        page.delete()
    ensure_translation(hub, "en", HUB_STRINGS_EN)
    return hub


def load_schools():
    for slug, name, city, status, flag_year, since, short, lat, lon in SCHOOLS:
        create_school(
            name=name,
            slug=slug,
            hostname=f"{slug}.localhost:{DEMO_PORT}",
            city=city,
            eco_status=status,
            green_flag_year=flag_year,
            member_since=since,
            short_name=short,
            latitude=lat,
            longitude=lon,
        )
    return SchoolPage.objects.filter(locale=Locale.get_default())


ENFORCEMENT_LV = (
    "<p>Ja atbilde uz jūsu atsauksmi jūs neapmierina, varat vērsties pie iestādes "
    "vadītāja, kā arī Valsts reģionālās attīstības aģentūrā, kas uzrauga "
    "tīmekļvietņu piekļūstamību.</p>"
)
NON_ACCESSIBLE_LV = (
    "<ul><li>Daļai agrāk publicēto PDF dokumentu nav teksta slāņa.</li>"
    "<li>Dažiem video nav subtitru.</li></ul>"
)
ALTERNATIVES_LV = (
    "<p>Rakstiet mums, un mēs nosūtīsim dokumenta saturu piekļūstamā formā "
    "10 darba dienu laikā.</p>"
)
LEGAL_STRINGS_EN = {
    "Piekļūstamības paziņojums": "Accessibility statement",
    "piekluestamiba": "accessibility",
    "Privātuma paziņojums": "Privacy notice",
    "privatums": "privacy",
    "Daļai agrāk publicēto PDF dokumentu nav teksta slāņa.": (
        "Some older PDF documents have no text layer."
    ),
    "Dažiem video nav subtitru.": "Some videos have no subtitles.",
    "Rakstiet mums, un mēs nosūtīsim dokumenta saturu piekļūstamā formā 10 darba "
    "dienu laikā.": (
        "Write to us and we will send the content in an accessible form within "
        "10 working days."
    ),
    "Ja atbilde uz jūsu atsauksmi jūs neapmierina, varat vērsties pie iestādes "
    "vadītāja, kā arī Valsts reģionālās attīstības aģentūrā, kas uzrauga "
    "tīmekļvietņu piekļūstamību.": (
        "If the answer to your feedback does not satisfy you, you can turn to the "
        "head of the institution and to the State Regional Development Agency, "
        "which monitors the accessibility of websites."
    ),
    "Ekoskolu tīkla portāls (Ekoskolu programmas koordinators Latvijā), "
    "portals@ekoskolas.lv": (
        "Eco-Schools network portal (the Eco-Schools programme coordinator in "
        "Latvia), portals@ekoskolas.lv"
    ),
    "<p>Šis paziņojums skaidro, kādus personas datus portāls apstrādā.</p>": "",
    "Šis paziņojums skaidro, kādus personas datus portāls apstrādā.": (
        "This notice explains which personal data the portal processes."
    ),
}


def _ensure_legal_page(parent, model, **fields):
    page = model.objects.child_of(parent).first()
    if page is None:
        page = parent.add_child(
            instance=model(locale=parent.locale, live=False, **fields)
        )
        page.save_revision().publish()
    strings = dict(LEGAL_STRINGS_EN, **{parent.title: parent.title})
    ensure_translation(page, "en", strings)
    return page


def load_legal_pages():
    """An accessibility statement for every site, a privacy notice for the network."""
    hub = HomePage.objects.get(locale=Locale.get_default())
    statement = {
        "title": "Piekļūstamības paziņojums",
        "slug": "piekluestamiba",
        "compliance": "partial",
        "non_accessible_content": NON_ACCESSIBLE_LV,
        "alternatives": ALTERNATIVES_LV,
        "prepared_on": date(2025, 9, 1),
        "reviewed_on": date(2026, 9, 1),
        "enforcement": ENFORCEMENT_LV,
    }
    _ensure_legal_page(
        hub,
        AccessibilityStatementPage,
        organisation=hub.title,
        contact_email="portals@ekoskolas.lv",
        **statement,
    )
    _ensure_legal_page(
        hub,
        PrivacyNoticePage,
        title="Privātuma paziņojums",
        slug="privatums",
        intro="<p>Šis paziņojums skaidro, kādus personas datus portāls apstrādā.</p>",
        controller=(
            "Ekoskolu tīkla portāls (Ekoskolu programmas koordinators Latvijā), "
            "portals@ekoskolas.lv"
        ),
    )
    for school in SchoolPage.objects.child_of(hub):
        _ensure_legal_page(
            school,
            AccessibilityStatementPage,
            organisation=school.title,
            contact_email=f"ekopadome@{school.slug}.lv",
            **statement,
        )


def load():
    load_hub()
    load_schools()
    load_legal_pages()
