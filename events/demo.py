"""Demo events: LIT's 2025/2026 eco action plan on the calendar, and one workshop
that is always open for registration.

Dates follow the plan's months (events/demo_data/action-plan-2025-2026.csv: row
number, activity, then an x under each school month IX…VI). Running the loader
again changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from events.models import (
    DayAdoption,
    EnvironmentalDay,
    EventIndexPage,
    EventPage,
    NetworkCalendarPage,
)
from home.models import SchoolPage
from home.schools import _recount_children, get_hub
from home.timezones import RIGA
from home.translation import ensure_translation

LIT_ADDRESS = "Varšavas iela 24, Daugavpils"
HALL = ("LIT aktu zāle", "LIT assembly hall")
WORKSHOP_ROOM = ("LIT radošā darbnīca, 112. kabinets", "LIT creative studio, room 112")
ORGANISER = {
    "organiser_name": "Ekopadome, LIT",
    "organiser_email": "ekopadome@lit.example",
    "organiser_phone": "+371 654 00000",
}

# slug, name lv, name en, description lv, description en, month, day or
# (ordinal, weekday), link
DAYS = [
    (
        "silto-dzemperu-diena",
        "Silto džemperu diena",
        "Warm Sweater Day",
        "Uzvelc siltu džemperi, pagriez apkuri par grādu zemāk un taupi enerģiju.",
        "Put on a warm sweater, turn the heating down a degree and save energy.",
        2,
        (2, 4),
        "",
    ),
    (
        "pasaules-santehniku-diena",
        "Pasaules santehniķu diena",
        "World Plumbing Day",
        "Diena, kas atgādina par tīra ūdens un drošas kanalizācijas nozīmi.",
        "A day on the value of clean water and safe sanitation.",
        3,
        11,
        "https://www.worldplumbingday.org/",
    ),
    (
        "pasaules-udens-diena",
        "Pasaules ūdens diena",
        "World Water Day",
        "ANO diena saldūdens resursu saudzēšanai.",
        "The UN day for protecting freshwater.",
        3,
        22,
        "https://www.unwater.org/",
    ),
    (
        "zemes-stunda",
        "Zemes stunda",
        "Earth Hour",
        "Stundu izslēdzam gaismas, lai pievērstu uzmanību klimatam.",
        "Switch the lights off for an hour for the climate.",
        3,
        (-1, 5),
        "https://www.earthhour.org/",
    ),
    (
        "zemes-diena",
        "Zemes diena",
        "Earth Day",
        "Pasaules diena mūsu planētas aizsardzībai.",
        "The world day for protecting our planet.",
        4,
        22,
        "https://www.earthday.org/",
    ),
    (
        "pasaules-vides-diena",
        "Pasaules vides diena",
        "World Environment Day",
        "ANO Vides programmas diena apkārtējās vides aizsardzībai.",
        "The UN Environment Programme's day for the environment.",
        6,
        5,
        "https://www.worldenvironmentday.global/",
    ),
]

# plan row, slug, title lv, title en, type, audience, (y, m, d), (h, min),
# hours, place, intro lv, intro en, registration
PLAN_EVENTS = [
    *[
        (
            "1",
            f"ekopadomes-sede-{y}-{m:02d}",
            f"Ekopadomes sēde ({d}.{m:02d}.{y})",
            f"Eco-council meeting ({d}.{m:02d}.{y})",
            "eco_council",
            "students",
            (y, m, d),
            (14, 30),
            1,
            HALL,
            "Ekopadome izvērtē paveikto un vienojas par nākamajiem soļiem.",
            "The eco-council reviews its work and agrees the next steps.",
            False,
        )
        for y, m, d in [
            (2025, 9, 18),
            (2025, 11, 13),
            (2026, 1, 15),
            (2026, 3, 12),
            (2026, 5, 14),
            (2026, 6, 11),
        ]
    ],
    (
        "3",
        "ricibas-dienas-2025",
        "Rīcības dienas: ūdens taupīšana tehnikumā",
        "Action Days: saving water at the college",
        "action_day",
        "everyone",
        (2025, 11, 20),
        None,
        0,
        HALL,
        "Vides izglītības fonda Rīcības dienas: meklējam ūdens zudumus un "
        "mācāmies taupīt.",
        "The Environmental Education Foundation's Action Days: finding water leaks "
        "and learning to save.",
        False,
    ),
    (
        "4.1",
        "macibu-ekskursija-udens-attirisanas-iekartas",
        "Mācību ekskursija uz ūdens attīrīšanas iekārtām",
        "Study visit to the water treatment plant",
        "excursion",
        "students",
        (2025, 9, 25),
        (10, 0),
        4,
        ("Daugavpils ūdens attīrīšanas iekārtas", "Daugavpils water treatment plant"),
        "Erasmus+ projekta „Water Scale-up” ekskursija izglītojamajiem.",
        "A study visit for students in the Erasmus+ project Water Scale-up.",
        False,
    ),
    (
        "4.3",
        "udens-dienas-brno-2026",
        "Ūdens dienas Brno 2026",
        "Water Days Brno 2026",
        "mobility",
        "students",
        (2026, 2, 16),
        None,
        96,
        ("Brno, Čehija", "Brno, Czechia"),
        "Izglītojamo praktiskās apmācības Čehijā.",
        "Students' practical training in Czechia.",
        False,
    ),
    (
        "4.4",
        "projekta-koordinatoru-tiksanas-malta",
        "Projekta koordinatoru tikšanās Maltā",
        "Project coordinators' meeting in Malta",
        "project_meeting",
        "staff",
        (2026, 5, 12),
        None,
        48,
        ("Valleta, Malta", "Valletta, Malta"),
        "Erasmus+ projekta partneru tikšanās.",
        "The Erasmus+ project partners meet.",
        False,
    ),
    *[
        (
            "6.2",
            f"radosa-darbnica-audzekniem-{y}-{m:02d}",
            title_lv,
            title_en,
            "workshop_students",
            "students",
            (y, m, d),
            (13, 0),
            2,
            WORKSHOP_ROOM,
            "Radošā darbnīca tehnikuma izglītojamajiem par gada tēmu — ūdeni.",
            "A creative workshop for the college's students on the year's theme, "
            "water.",
            False,
        )
        for y, m, d, title_lv, title_en in [
            (2025, 10, 22, "Radošā darbnīca: ūdens ceļš", "Workshop: the way of water"),
            (
                2025,
                12,
                10,
                "Radošā darbnīca: dabīgā sadzīves ķīmija",
                "Workshop: natural cleaning products",
            ),
            (
                2026,
                3,
                18,
                "Radošā darbnīca: lietus ūdens savākšana",
                "Workshop: collecting rainwater",
            ),
        ]
    ],
    *[
        (
            "6.3",
            f"radosa-darbnica-viesiem-{y}-{m:02d}",
            title_lv,
            title_en,
            "workshop_guests",
            "guests",
            (y, m, d),
            (15, 0),
            2,
            WORKSHOP_ROOM,
            "Radošā darbnīca tehnikuma viesiem: skolēniem, skolotājiem un vecākiem.",
            "A creative workshop for the college's guests: pupils, teachers and "
            "parents.",
            True,
        )
        for y, m, d, title_lv, title_en in [
            (
                2025,
                10,
                23,
                "Radošā darbnīca viesiem: ūdens filtrs",
                "Workshop for guests: a water filter",
            ),
            (
                2025,
                12,
                11,
                "Radošā darbnīca viesiem: ziemas rotājumi no otrreizējām izejvielām",
                "Workshop for guests: winter decorations from recycled materials",
            ),
            (
                2026,
                3,
                19,
                "Radošā darbnīca viesiem: ūdens taupīšanas plakāti",
                "Workshop for guests: posters on saving water",
            ),
        ]
    ],
    *[
        (
            "6.4",
            f"lekcija-{y}-{m:02d}",
            title_lv,
            title_en,
            "lecture",
            "everyone",
            (y, m, d),
            (12, 0),
            1,
            HALL,
            intro_lv,
            intro_en,
            False,
        )
        for y, m, d, title_lv, title_en, intro_lv, intro_en in [
            (
                2025,
                11,
                26,
                "Lekcija: saldūdens resursi un to izsmelšana",
                "Lecture: freshwater and its depletion",
                "Daugavpils Universitātes Vides un tehnoloģiju katedras lekcija.",
                "A lecture by Daugavpils University's Department of Environment and "
                "Technology.",
            ),
            (
                2026,
                2,
                11,
                "Lekcija: notekūdeņu attīrīšana",
                "Lecture: treating wastewater",
                "Kā notekūdeņi tiek attīrīti un kas notiek, ja tie nonāk dabā.",
                "How wastewater is treated and what happens when it reaches nature.",
            ),
        ]
    ],
]

OPEN_WORKSHOP = {
    "slug": "radosa-darbnica-viesiem-ka-taupit-udeni-maja",
    "title": "Radošā darbnīca viesiem: kā taupīt ūdeni mājās",
    "title_en": "Creative workshop for guests: saving water at home",
    "intro": "Izgatavojam ūdens taupīšanas atgādnes un pārbaudām, cik ūdens patērē "
    "krāns minūtē. Piemērota skolēnu grupām kopā ar skolotāju.",
    "intro_en": "We make water-saving reminders and measure how much water a tap "
    "uses in a minute. Suitable for groups of pupils with their teacher.",
}


def ensure_days():
    english = Locale.objects.get(language_code="en")
    days = {}
    for slug, name, name_en, text, text_en, month, day, link in DAYS:
        existing = EnvironmentalDay.objects.filter(
            slug=slug, locale=Locale.get_default()
        ).first()
        if existing is None:
            fields = {"rule": "fixed", "day": day}
            if isinstance(day, tuple):
                fields = {"rule": "weekday", "ordinal": day[0], "weekday": day[1]}
            existing = EnvironmentalDay.objects.create(
                slug=slug,
                name=name,
                description=text,
                month=month,
                link=link,
                locale=Locale.get_default(),
                **fields,
            )
        if existing.get_translation_or_none(english) is None:
            ensure_translation(existing, "en", {name: name_en, text: text_en})
        days[slug] = existing
    return days


def _publish_event(index, slug, title, title_en, strings, **fields):
    event = EventPage.objects.child_of(index).filter(slug=slug).first()
    if event is None:
        event = EventPage(slug=slug, title=title, locale=index.locale, **fields)
        index.add_child(instance=event)
        event.save_revision().publish()
    ensure_translation(
        event,
        "en",
        {title: title_en, slug: slug_en(title_en), **strings},
    )
    return event


def slug_en(title):
    from django.utils.text import slugify

    return slugify(title)[:80]


def _times(date, clock, hours):
    y, m, d = date
    if clock is None:
        start = datetime.datetime(y, m, d, 0, 0, tzinfo=RIGA)
        end = start + datetime.timedelta(hours=max(hours, 1))
        return start, end, True
    start = datetime.datetime(y, m, d, *clock, tzinfo=RIGA)
    return start, start + datetime.timedelta(hours=hours), False


def load_lit(index, days):
    for row in PLAN_EVENTS:
        (_nr, slug, title, title_en, kind, audience, date, clock, hours) = row[:9]
        (place, intro, intro_en, registration) = row[9:]
        start, end, all_day = _times(date, clock, hours)
        fields = {
            "event_type": kind,
            "audience": audience,
            "start": start,
            "end": end,
            "all_day": all_day,
            "location_name": place[0],
            "location_address": LIT_ADDRESS if "LIT" in place[0] else "",
            "intro": intro,
            **ORGANISER,
        }
        if registration:
            fields.update(
                registration_enabled=True,
                capacity=20,
                max_participants=5,
                registration_closes_at=start - datetime.timedelta(days=1),
            )
        if kind == "eco_council":
            fields["minutes"] = (
                "<p>Piedalījās ekopadomes locekļi. Izvērtēts ūdens patēriņa "
                "mērījumu plāns; nākamā sēde — pēc diviem mēnešiem.</p>"
            )
        _publish_event(
            index,
            slug,
            title,
            title_en,
            {intro: intro_en, place[0]: place[1]},
            **fields,
        )
    school = index.get_parent().specific
    for year in (2025, 2026):
        for slug, day in days.items():
            date = day.date_in(year)
            # The school year 2025/2026: September 2025 to June 2026.
            if not (datetime.date(2025, 9, 1) <= date <= datetime.date(2026, 6, 30)):
                continue
            start = datetime.datetime.combine(date, datetime.time(), tzinfo=RIGA)
            clock = (20, 30) if slug == "zemes-stunda" else None
            if clock:
                start = start.replace(hour=20, minute=30)
            name_en = day.get_translation(Locale.objects.get(language_code="en")).name
            event = _publish_event(
                index,
                f"{slug}-{year}",
                day.name,
                name_en,
                {},
                event_type="environmental_day",
                audience="everyone",
                start=start,
                end=start + datetime.timedelta(hours=1 if clock else 8),
                all_day=clock is None,
                intro=day.description,
                location_name=HALL[0],
                location_address=LIT_ADDRESS,
                **ORGANISER,
            )
            DayAdoption.objects.get_or_create(
                day=day, school=school, year=year, defaults={"event": event}
            )


def load_open_workshop(index):
    """A guests' workshop about three weeks ahead, on a Wednesday afternoon."""
    existing = EventPage.objects.child_of(index).filter(slug=OPEN_WORKSHOP["slug"])
    if existing.exists():
        return existing.get()
    day = timezone.localdate() + datetime.timedelta(days=21)
    day += datetime.timedelta(days=(2 - day.weekday()) % 7)
    start = datetime.datetime.combine(day, datetime.time(15, 0), tzinfo=RIGA)
    return _publish_event(
        index,
        OPEN_WORKSHOP["slug"],
        OPEN_WORKSHOP["title"],
        OPEN_WORKSHOP["title_en"],
        {
            OPEN_WORKSHOP["intro"]: OPEN_WORKSHOP["intro_en"],
            WORKSHOP_ROOM[0]: WORKSHOP_ROOM[1],
        },
        event_type="workshop_guests",
        audience="guests",
        start=start,
        end=start + datetime.timedelta(hours=2),
        location_name=WORKSHOP_ROOM[0],
        location_address=LIT_ADDRESS,
        intro=OPEN_WORKSHOP["intro"],
        registration_enabled=True,
        capacity=24,
        max_participants=6,
        waitlist_enabled=True,
        **ORGANISER,
    )


def load_calendar():
    hub = get_hub()
    calendar = NetworkCalendarPage.objects.child_of(hub).first()
    if calendar is None:
        calendar = NetworkCalendarPage(
            title="Pasākumu kalendārs",
            slug="kalendars",
            intro="<p>Visu tīkla skolu pasākumi un starptautiskās vides dienas.</p>",
            locale=hub.locale,
        )
        hub.add_child(instance=calendar)
        calendar.save_revision().publish()
    ensure_translation(
        calendar,
        "en",
        {
            "Pasākumu kalendārs": "Event calendar",
            "kalendars": "calendar",
            "Visu tīkla skolu pasākumi un starptautiskās vides dienas.": "Events of "
            "every school in the network, and the international environmental days.",
        },
    )
    return calendar


def load():
    with transaction.atomic():
        days = ensure_days()
        load_calendar()
    lit = SchoolPage.objects.get(slug="lit", locale=Locale.get_default())
    index = EventIndexPage.objects.child_of(lit).get()
    with transaction.atomic():
        load_lit(index, days)
    with transaction.atomic():
        load_open_workshop(index)
    # Translations publish on commit from revisions older than their new children.
    parents = [*get_hub().get_translations(inclusive=True)]
    parents += [*index.get_translations(inclusive=True)]
    transaction.on_commit(lambda: _recount_children([page.pk for page in parents]))
