"""Demo content: LIT's real eco action plan for 2025/2026 (theme: water).

The activities come from `demo_data/action-plan-2025-2026.csv` through the same
importer that schools use; the goals are those of the plan the eco-committee
approved on 21 October 2025. Running `load` again changes nothing.
"""

import datetime
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from activities.importer import activity_slug, import_plan, parse_rows, read_table
from activities.models import ActivityPage, ActivityProgress
from home.models import EcoTheme, SchoolPage, SustainableDevelopmentGoal
from home.translation import ensure_translation

PLAN_CSV = Path(__file__).resolve().parent / "demo_data" / "action-plan-2025-2026.csv"
SCHOOL_SLUG = "lit"
SCHOOL_YEAR = "2025/2026"

PLAN_TITLE = "Ekopadomes rīcības plāns 2025./2026. mācību gadam"
PLAN_TITLE_EN = "Eco-committee action plan for the 2025/2026 school year"

STRATEGIC = [
    (
        "4. Ilgtspēja / “Zaļais kurss”: zaļo paradumu audzināšana, profesiju "
        "zaļināšana, resursu ilgtspējīga izmantošana, zaļā infrastruktūra.",
        "4. Sustainability / “Green course”: fostering green habits, greening the "
        "professions, sustainable use of resources, green infrastructure.",
    ),
    (
        "Stratēģiskie mērķi 2021.–2027. gadam atbilst plānošanas dokumentam "
        "“Latgales Industriālā tehnikuma attīstības un investīciju stratēģija "
        "2021.–2027. gadam”.",
        "The strategic goals for 2021–2027 follow the planning document "
        "“Development and investment strategy of Latgale Industrial Technical "
        "School 2021–2027”.",
    ),
]
INSTITUTION = [
    (
        "Veicināt izpratni par vērtībām – dabas resursu ilgtspējīga izmantošana, "
        "tīra un droša apkārtējā vide.",
        "Promote understanding of values: sustainable use of natural resources and "
        "a clean, safe environment.",
    ),
    (
        "Piedāvāt izglītojamajiem izzināt, izprast, veidot attieksmi un vēlmi "
        "rīkoties apkārtējās vides problēmu risināšanā.",
        "Give students the chance to explore and understand environmental "
        "problems, and to build the attitude and the will to act on them.",
    ),
    (
        "Sekmēt izglītojamā spējas veikt savu profesionālo darbību atbilstoši vides "
        "ilgtspējīgai attīstībai, kā arī ikdienā pieņemt videi labvēlīgus, zaļajai "
        "domāšanai atbilstošus lēmumus.",
        "Help students work in their profession in line with sustainable "
        "development, and make environmentally friendly, green decisions in "
        "everyday life.",
    ),
]
ECO_SCHOOL = [
    (
        "Veidot izpratni par ūdens ciklu un saldūdens resursiem, to nozīmi dabā un "
        "cilvēku labklājībā.",
        "Build understanding of the water cycle and freshwater resources, and of "
        "their importance for nature and human well-being.",
    ),
    (
        "Popularizēt ieradumus, kas samazina ūdens patēriņu tehnikumā un mājās.",
        "Promote habits that reduce water use at school and at home.",
    ),
    (
        "Nodrošināt, ka tehnikumā nerodas ūdens zudumi tehnisku problēmu dēļ, ja "
        "iespējams – biežāk izmantot lietus ūdeni.",
        "Make sure the school loses no water through technical faults and, where "
        "possible, uses rainwater more often.",
    ),
    (
        "Pārliecināties, ka tehnikuma notekūdeņi nepiesārņo dabu, un pēc iespējas "
        "pāriet uz dabīgu sadzīves ķīmiju.",
        "Make sure the school's waste water does not pollute nature, and switch to "
        "natural household cleaning products wherever possible.",
    ),
]
STUDENTS_CAN = [
    ("uzzināt par ūdens aprites ciklu;", "learn about the water cycle;"),
    (
        "iepazīties ar saldūdens resursiem un to izsmelšanas problēmu;",
        "get to know freshwater resources and the problem of their depletion;",
    ),
    (
        "iepazīties ar notekūdeņu attīrīšanu, izprast problēmas un sekas neattīrītu "
        "ūdeņu nonākšanai dabā;",
        "learn how waste water is treated, and understand the problems and "
        "consequences of untreated water reaching nature;",
    ),
    (
        "izpētīt apkārtnes upes, ezerus un strautus, uzzināt, kāds ir to "
        "ekoloģiskais stāvoklis un kas to ietekmē;",
        "study the rivers, lakes and streams nearby, and find out their ecological "
        "state and what affects it;",
    ),
    (
        "veicināt tīra, nepiesārņota ūdens kā vērtības apzināšanos, tā nozīmi dabā "
        "un cilvēku labklājībā;",
        "raise awareness of clean, unpolluted water as a value, and of its "
        "importance for nature and human well-being;",
    ),
    ("uzzināt par ūdens taupīšanas iespējām;", "learn about ways to save water;"),
    (
        "savākt, apstrādāt un pasniegt informāciju, izmantojot informācijas un "
        "komunikāciju tehnoloģijas;",
        "collect, process and present information using information and "
        "communication technologies;",
    ),
    (
        "rezultātus darīt zināmus citiem tādā veidā, kas viņus pārliecinātu mainīt "
        "attieksmi un uzvedību;",
        "share the results with others in a way that convinces them to change their "
        "attitudes and behaviour;",
    ),
    ("sadarboties kopīga mērķa realizēšanai.", "work together towards a common goal."),
]
APPROVED_BY = ("Ekopadome", "Eco-committee")
APPROVED_ON = datetime.date(2025, 10, 21)

TITLES_EN = {
    "1": "Eco-committee meetings (dates agreed at the previous meeting)",
    "2": "Environmental review survey: drafting it and sending it to LIT students, "
    "teachers and administration; summarising, evaluating, publishing and updating "
    "the results",
    "3": "Taking part in the “Action Days” organised by the Foundation for "
    "Environmental Education",
    "4": "Erasmus+ transnational cooperation project “Platform of Vocational "
    "Excellence Water Scale-up”",
    "4.1": "Study trips for students",
    "4.2": "Developing study modules on water distribution systems and technologies",
    "4.3": "Student practical training “Water Days Brno 2026” (Czech Republic)",
    "4.4": "Meeting of the project coordinators in Malta",
    "5": "Erasmus+ learning mobilities to learn good practice in promoting green "
    "habits",
    "5.1": "Student learning mobilities abroad",
    "5.2": "Teacher learning mobilities abroad",
    "6": "Career education activities that promote green habits",
    "6.1": "Study trips for students and teachers",
    "6.2": "Creative workshops (for the school's students)",
    "6.3": "Creative workshops (for the school's guests)",
    "6.4": "Educational lectures for students and teachers",
    "7": "Learning from the good practice of other members of the Latvian "
    "Eco-Schools programme",
    "7.1": "Daugavpils Ķīmija District Preschool",
    "7.2": "Daugavpils Saskaņa Primary School",
    "7.3": "Liepāja State Technical School",
    "8": "Attracting new partners to promote green habits",
    "8.1": "Cooperation agreement with SIA “Rīgas ūdens”",
    "8.2": "Cooperation agreement with IES Batalla de Clavijo (Logroño, Spain)",
    "8.3": "Cooperation with the UNESCO Chair of Daugavpils University (global "
    "goals 6 and 14)",
    "8.4": "Cooperation with the Department of Environment and Technology of "
    "Daugavpils University",
    "8.5": "Cooperation with the municipalities of Daugavpils State City and "
    "Augšdaugava Municipality",
    "8.6": "Cooperation with the South Latgale NGO Support Centre",
    "9": "International ENVIRONMENTAL DAYS:",
    "9.1": "Warm Sweater Day",
    "9.2": "Earth Hour",
    "9.3": "Earth Day",
    "9.4": "World Water Day",
    "9.5": "World Plumbing Day",
    "9.6": "World Environment Day",
    "10": "Linking the year's theme (water) with study modules, involving LIT teachers",
    "11": "Publicity to involve the whole school and the community",
}

RESPONSIBLE_EN = {
    "Ekopadome": "Eco-committee",
    "Ekopadome un direktora vietnieks izglītības jomā": "Eco-committee and the "
    "deputy director for education",
    "Projekta koordinators": "Project coordinator",
    "Karjeras konsultants": "Career counsellor",
    "Profesionālo mācību priekšmetu pedagogi": "Teachers of vocational subjects",
    "Ekopadome un sabiedrisko attiecību speciālists": "Eco-committee and the "
    "public relations officer",
}

STUDENTS, TEACHERS, ADMINISTRATION = "students", "teachers", "administration"
PARENTS, GUESTS, COMMUNITY = "parents", "guests", "community"
S = ActivityPage.Step

# number: (Eco-Schools step, SDG numbers, audiences, responsible people)
DETAILS = {
    "1": (S.ECO_COMMITTEE, [4], [STUDENTS, TEACHERS, ADMINISTRATION], "Ekopadome"),
    "2": (
        S.ENVIRONMENTAL_REVIEW,
        [6, 12],
        [STUDENTS, TEACHERS, ADMINISTRATION],
        "Ekopadome",
    ),
    "3": (S.INFORMING, [6], [STUDENTS, COMMUNITY], "Ekopadome"),
    "4": (S.CURRICULUM, [4, 6], [STUDENTS, TEACHERS], "Projekta koordinators"),
    "4.2": (S.CURRICULUM, [4, 6], [TEACHERS], "Projekta koordinators"),
    "5": (S.CURRICULUM, [4, 17], [STUDENTS, TEACHERS], "Projekta koordinators"),
    "6": (S.CURRICULUM, [4, 8], [STUDENTS, TEACHERS], "Karjeras konsultants"),
    "6.3": (S.INFORMING, [4], [GUESTS], "Karjeras konsultants"),
    "7": (S.MONITORING, [4, 17], [TEACHERS], "Ekopadome"),
    "8": (S.INFORMING, [17], [ADMINISTRATION, COMMUNITY], "Ekopadome"),
    "8.3": (S.INFORMING, [6, 14], [STUDENTS, TEACHERS], "Ekopadome"),
    "9": (S.INFORMING, [13], [STUDENTS, TEACHERS, PARENTS], "Ekopadome"),
    "9.4": (S.INFORMING, [6, 14], [STUDENTS, TEACHERS, PARENTS], "Ekopadome"),
    "10": (
        S.CURRICULUM,
        [4, 6],
        [STUDENTS, TEACHERS],
        "Profesionālo mācību priekšmetu pedagogi",
    ),
    "11": (
        S.INFORMING,
        [6],
        [STUDENTS, PARENTS, COMMUNITY],
        "Ekopadome un sabiedrisko attiecību speciālists",
    ),
}

# number, month, status, short report: the autumn of 2025.
PROGRESS = [
    (
        "1",
        9,
        "done",
        "Pirmajā sēdē apstiprināts ekopadomes sastāvs, sadalīti pienākumi un "
        "izvēlēta gada tēma – ūdens.",
    ),
    (
        "1",
        11,
        "done",
        "Izvērtēti vides novērtējuma aptaujas rezultāti un precizētas rīcības "
        "plāna aktivitātes.",
    ),
    (
        "2",
        9,
        "done",
        "Aptauja izveidota un nosūtīta izglītojamajiem, pedagogiem un administrācijai.",
    ),
    (
        "2",
        10,
        "done",
        "Atbildes apkopotas un izvērtētas; rezultāti publicēti tehnikuma tīmekļvietnē.",
    ),
    (
        "3",
        11,
        "done",
        "Izglītojamie Rīcības dienās pārbaudīja krānus un tualetes podus un "
        "atrada trīs noplūdes.",
    ),
    (
        "4.1",
        9,
        "done",
        "Mācību ekskursija uz Daugavpils notekūdeņu attīrīšanas iekārtām.",
    ),
    (
        "4.2",
        9,
        "done",
        "Saskaņota mācību moduļa struktūra ar projekta partneriem.",
    ),
    (
        "4.2",
        10,
        "done",
        "Izstrādāta moduļa pirmā daļa par cauruļvadu materiāliem un to "
        "kalpošanas laiku.",
    ),
    (
        "5.1",
        10,
        "moved",
        "Uzņemošā skola lūdza pārcelt mobilitāti uz novembri.",
    ),
    (
        "5.1",
        11,
        "done",
        "Četri santehniķu specialitātes izglītojamie divas nedēļas praktizējās "
        "Spānijā.",
    ),
    (
        "6.1",
        9,
        "done",
        "Ekskursija uz SIA “Daugavpils ūdens” ūdens sagatavošanas staciju.",
    ),
    (
        "6.2",
        10,
        "done",
        "Radošajā darbnīcā izglītojamie no pudelēm izgatavoja ūdens filtrus un "
        "salīdzināja to darbību.",
    ),
    (
        "6.4",
        11,
        "done",
        "Lekcija par notekūdeņu attīrīšanu un dabīgu sadzīves ķīmiju.",
    ),
    (
        "7.3",
        9,
        "done",
        "Pieredzes apmaiņas vizīte Liepājas Valsts tehnikumā: lietus ūdens "
        "izmantošana skolā.",
    ),
    (
        "8.1",
        11,
        "moved",
        "Līguma projekts vēl tiek saskaņots; parakstīšana pārcelta uz decembri.",
    ),
    (
        "8.2",
        10,
        "done",
        "Noslēgts sadarbības līgums ar IES Batalla de Clavijo par kopīgiem "
        "mācību projektiem.",
    ),
    (
        "10",
        9,
        "done",
        "Pedagogi ūdens tēmu iekļāva santehnikas un inženierkomunikāciju moduļos.",
    ),
    (
        "10",
        10,
        "done",
        "Izglītojamie mērīja ūdens patēriņu darbnīcās un salīdzināja to ar "
        "iepriekšējo gadu.",
    ),
    (
        "11",
        9,
        "done",
        "Ziņa par ekoskolas gada tēmu publicēta tehnikuma tīmekļvietnē un "
        "sociālajos tīklos.",
    ),
    (
        "11",
        10,
        "done",
        "Informatīvs stends par ūdens taupīšanu izvietots tehnikuma vestibilā.",
    ),
    (
        "11",
        11,
        "done",
        "Rīcības dienu rezultāti publicēti tīmekļvietnē un nosūtīti vecākiem.",
    ),
]


def _list(items, tag="ol"):
    return f"<{tag}>" + "".join(f"<li>{lv}</li>" for lv, _en in items) + f"</{tag}>"


def _paragraphs(items):
    return "".join(f"<p>{lv}</p>" for lv, _en in items)


def _publish_if_changed(page, fields, sdgs=None):
    """Set `fields` on the page's latest revision; publish only if anything changed."""
    latest = page.get_latest_revision_as_object()
    changed = {k: v for k, v in fields.items() if getattr(latest, k) != v}
    if sdgs is not None and {g.pk for g in latest.sdgs.all()} != {g.pk for g in sdgs}:
        latest.sdgs.set(sdgs)
        changed["sdgs"] = sdgs
    if changed:
        for name, value in fields.items():
            setattr(latest, name, value)
        latest.save_revision().publish()
    return changed


def _plan_fields(lv):
    water = EcoTheme.objects.get(slug="water", locale=lv)
    return {
        "title": PLAN_TITLE,
        "theme": water,
        "strategic_goals": _paragraphs(STRATEGIC),
        "institution_goals": _list(INSTITUTION),
        "eco_school_goals": _list(ECO_SCHOOL),
        "students_can": _list(STUDENTS_CAN, "ul"),
        "approved_by": APPROVED_BY[0],
        "approved_on": APPROVED_ON,
    }


def _activity_fields(details):
    step, _goals, audiences, responsible = details
    fields = {"step": step, "responsible": responsible}
    for name in ActivityPage.AUDIENCE_FIELDS:
        fields[name] = name.removeprefix("audience_") in audiences
    return fields


def _record_progress(activities):
    for number, month, status, report in PROGRESS:
        # Loaded afresh: the previous entry may have published a new revision.
        page = ActivityPage.objects.get(pk=activities[number].pk)
        latest = page.get_latest_revision_as_object()
        if any(entry.month == month for entry in latest.progress.all()):
            continue
        latest.progress.add(ActivityProgress(month=month, status=status, report=report))
        latest.save_revision().publish()


def _plan_strings_en(plan):
    strings = {PLAN_TITLE: PLAN_TITLE_EN, APPROVED_BY[0]: APPROVED_BY[1]}
    for items in (STRATEGIC, INSTITUTION, ECO_SCHOOL, STUDENTS_CAN):
        strings.update(dict(items))
    return strings


def _activity_strings_en(page):
    title_en = TITLES_EN[page.number]
    strings = {
        page.title: title_en,
        page.slug: activity_slug(page.number, title_en),
    }
    strings.update(RESPONSIBLE_EN)
    return strings


@transaction.atomic
def load():
    lv = Locale.objects.get(language_code="lv")
    school = SchoolPage.objects.get(slug=SCHOOL_SLUG, locale=lv)
    rows = parse_rows(read_table(PLAN_CSV.read_bytes(), PLAN_CSV.name))
    plan = import_plan(school, SCHOOL_YEAR, rows).plan
    _publish_if_changed(plan, _plan_fields(lv))

    activities = {page.number: page for page in ActivityPage.objects.child_of(plan)}
    goals = {g.number: g for g in SustainableDevelopmentGoal.objects.filter(locale=lv)}
    for number, details in DETAILS.items():
        _publish_if_changed(
            activities[number],
            _activity_fields(details),
            sdgs=[goals[n] for n in details[1]],
        )
    _record_progress(activities)

    plan.refresh_from_db()
    ensure_translation(plan, "en", _plan_strings_en(plan))
    for page in ActivityPage.objects.child_of(plan).order_by("path"):
        # Activities an editor added (an adopted practice) are not the demo's own.
        if page.number in TITLES_EN:
            ensure_translation(page, "en", _activity_strings_en(page))
    return plan
