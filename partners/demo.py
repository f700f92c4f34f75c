"""Demo partners: the cooperation partners in LIT's 2025/2026 eco action plan."""

import datetime

from django.db import transaction
from wagtail.models import Locale

from home.models import SchoolPage, SustainableDevelopmentGoal
from home.translation import ensure_translation
from partners.models import PartnerIndexPage, PartnerMilestone, PartnerPage

SCHOOL = "lit"

# slug, title (lv, en), kind, city, website, agreement, signed, valid until,
# SDG numbers, intro (lv, en), milestones [(lv, en, place, starts, ends)]
PARTNERS = [
    {
        "slug": "rigas-udens",
        "title": ('SIA "Rīgas ūdens"', 'SIA "Rīgas ūdens"'),
        "kind": PartnerPage.Kind.COMPANY,
        "city": "Rīga",
        "website": "https://www.rigasudens.lv/",
        "agreement_status": PartnerPage.AgreementStatus.SIGNED,
        "date_signed": datetime.date(2025, 11, 14),
        "valid_until": datetime.date(2026, 12, 31),
        "sdgs": [6],
        "intro": (
            "Rīgas ūdensapgādes un kanalizācijas uzņēmums. Sadarbības līgums "
            "paredz mācību ekskursijas uz ūdens sagatavošanas un notekūdeņu "
            "attīrīšanas iekārtām un prakses vietas ūdenssaimniecības audzēkņiem.",
            "Riga's water supply and sewerage company. The cooperation agreement "
            "covers study visits to its water treatment and wastewater treatment "
            "plants and work placements for water management students.",
        ),
    },
    {
        "slug": "ies-batalla-de-clavijo",
        "title": ("IES Batalla de Clavijo", "IES Batalla de Clavijo"),
        "kind": PartnerPage.Kind.FOREIGN_SCHOOL,
        "country": "ES",
        "city": "Logroño",
        "agreement_status": PartnerPage.AgreementStatus.SIGNED,
        "date_signed": datetime.date(2025, 10, 8),
        "valid_until": datetime.date(2027, 8, 31),
        "sdgs": [4, 6],
        "intro": (
            "Profesionālās izglītības iestāde Logroņo, Spānijā. Kopā rīkojam "
            "audzēkņu un pedagogu mobilitātes, lai mācītos zaļos paradumus "
            "viens no otra.",
            "A vocational school in Logroño, Spain. Together we organise pupil "
            "and teacher mobilities to learn green habits from each other.",
        ),
    },
    {
        "slug": "du-unesco-katedra",
        "title": (
            "Daugavpils Universitātes UNESCO katedra",
            "UNESCO Chair of Daugavpils University",
        ),
        "kind": PartnerPage.Kind.UNIVERSITY,
        "city": "Daugavpils",
        "website": "https://du.lv/",
        "sdgs": [6, 14],
        "intro": (
            "Sadarbība ilgtspējīgas attīstības mērķu — tīrs ūdens un sanitārija "
            "(6) un dzīvība ūdenī (14) — izpētē kopā ar audzēkņiem.",
            "Cooperation on the sustainable development goals clean water and "
            "sanitation (6) and life below water (14), researched together "
            "with our students.",
        ),
    },
    {
        "slug": "du-vides-un-tehnologiju-katedra",
        "title": (
            "Daugavpils Universitātes Vides un tehnoloģiju katedra",
            "Department of Environment and Technology, Daugavpils University",
        ),
        "kind": PartnerPage.Kind.UNIVERSITY,
        "city": "Daugavpils",
        "website": "https://du.lv/",
        "sdgs": [6],
        "intro": (
            "Katedras pētnieki palīdz audzēkņiem novērtēt apkārtnes upju un ezeru "
            "ekoloģisko stāvokli un lasa lekcijas par notekūdeņu attīrīšanu.",
            "The department's researchers help our students assess the ecological "
            "state of nearby rivers and lakes and lecture on wastewater treatment.",
        ),
    },
    {
        "slug": "daugavpils-valstspilsetas-pasvaldiba",
        "title": (
            "Daugavpils valstspilsētas pašvaldība",
            "Daugavpils City Municipality",
        ),
        "kind": PartnerPage.Kind.MUNICIPALITY,
        "city": "Daugavpils",
        "website": "https://www.daugavpils.lv/",
        "sdgs": [11],
        "intro": (
            "Pašvaldība atbalsta tehnikuma vides dienas un publicitātes pasākumus "
            "pilsētā.",
            "The municipality supports the school's environment days and public "
            "events in the city.",
        ),
    },
    {
        "slug": "augsdaugavas-novada-pasvaldiba",
        "title": ("Augšdaugavas novada pašvaldība", "Augšdaugava Municipality"),
        "kind": PartnerPage.Kind.MUNICIPALITY,
        "city": "Daugavpils",
        "website": "https://www.augsdaugavasnovads.lv/",
        "sdgs": [6, 11],
        "intro": (
            "Kopā ar novadu pētām lauku ūdenstilpju stāvokli un iesaistām "
            "novada skolas ūdens taupīšanas akcijās.",
            "With the municipality we study the state of rural water bodies and "
            "involve its schools in water-saving campaigns.",
        ),
    },
    {
        "slug": "dienvidlatgales-nvo-atbalsta-centrs",
        "title": (
            "Dienvidlatgales NVO atbalsta centrs",
            "Dienvidlatgale NGO Support Centre",
        ),
        "kind": PartnerPage.Kind.NGO,
        "city": "Daugavpils",
        "sdgs": [17],
        "intro": (
            "Centrs palīdz audzēkņiem iesaistīties brīvprātīgajā darbā un "
            "sabiedrības vides iniciatīvās.",
            "The centre helps our students take part in volunteering and the "
            "community's environmental initiatives.",
        ),
    },
    {
        "slug": "pove-water-scale-up",
        "title": (
            "Erasmus+ projekts „Platform of Vocational Excellence Water Scale-up”",
            "Erasmus+ project “Platform of Vocational Excellence Water Scale-up”",
        ),
        "kind": PartnerPage.Kind.PROJECT,
        "country": "",
        "sdgs": [4, 6],
        "intro": (
            "Transnacionālās sadarbības projekts „Ūdens nozares profesionālās "
            "izcilības platformas paplašināšana”: mācību moduļi par ūdens sadales "
            "sistēmām un tehnoloģijām, mācību ekskursijas un prakses ārzemēs.",
            "A transnational cooperation project to scale up the platform of "
            "vocational excellence in the water sector: learning modules on water "
            "distribution systems and technologies, study visits and training "
            "abroad.",
        ),
        "milestones": [
            (
                "Mācību moduļu izstrāde par ūdens sadales sistēmām un tehnoloģijām",
                "Learning modules on water distribution systems and technologies",
                "",
                datetime.date(2025, 9, 1),
                datetime.date(2026, 6, 30),
            ),
            (
                "Izglītojamo praktiskās apmācības „Ūdens dienas Brno 2026”",
                "Students' practical training “Water Days Brno 2026”",
                "Brno",
                datetime.date(2026, 3, 1),
                None,
            ),
            (
                "Projekta koordinatoru tikšanās",
                "Project coordinators' meeting",
                "Malta",
                datetime.date(2026, 5, 1),
                None,
            ),
        ],
    },
]


def _goals(numbers):
    return SustainableDevelopmentGoal.objects.filter(
        number__in=numbers, locale=Locale.get_default()
    )


@transaction.atomic
def load():
    school = SchoolPage.objects.get(slug=SCHOOL, locale=Locale.get_default())
    index = PartnerIndexPage.objects.child_of(school).get()
    for data in PARTNERS:
        if index.get_children().filter(slug=data["slug"]).exists():
            partner = PartnerPage.objects.child_of(index).get(slug=data["slug"])
        else:
            partner = PartnerPage(
                slug=data["slug"],
                title=data["title"][0],
                intro=data["intro"][0],
                kind=data["kind"],
                country=data.get("country", "LV"),
                city=data.get("city", ""),
                website=data.get("website", ""),
                agreement_status=data.get(
                    "agreement_status", PartnerPage.AgreementStatus.NONE
                ),
                date_signed=data.get("date_signed"),
                valid_until=data.get("valid_until"),
                locale=index.locale,
            )
            partner.sdgs = list(_goals(data["sdgs"]))
            partner.milestones = [
                PartnerMilestone(
                    title=title, place=place, starts_on=starts, ends_on=ends
                )
                for title, _en, place, starts, ends in data.get("milestones", [])
            ]
            index.add_child(instance=partner)
            partner.save_revision().publish()
        strings = {
            data["title"][0]: data["title"][1],
            data["intro"][0]: data["intro"][1],
        }
        strings |= {title: en for title, en, *_rest in data.get("milestones", [])}
        ensure_translation(partner, "en", strings)
