"""Demo good-practice stories of the four demo schools, and the hub's library.

LIT's action plan (item 7) adopts good practice from the Ķīmijas apkaimes
pre-school, Saskaņas pamatskola and Liepājas Valsts tehnikums; the stories below
show those practices and LIT's versions of them.
"""

from decimal import Decimal

from django.db import transaction
from wagtail.models import Locale

from home.models import EcoTheme, HomePage, SchoolPage, SustainableDevelopmentGoal
from home.translation import ensure_translation
from partners.models import PartnerPage
from stories.adoption import existing_adoption
from stories.models import (
    GoodPracticeLibraryPage,
    GoodPracticeStoryPage,
    PracticeAudience,
    StoryAdoption,
    StoryIndexPage,
)

LIBRARY = {
    "slug": "labas-prakses-biblioteka",
    "title": ("Labās prakses bibliotēka", "Good-practice library"),
    "intro": (
        "Ekoskolu stāsti par to, kas izdevās: problēma, risinājums un rezultāti "
        "skaitļos. Atrodiet ideju un pārņemiet to savā rīcības plānā.",
        "Eco-schools' stories of what worked: the problem, the solution and the "
        "results in numbers. Find an idea and adopt it into your action plan.",
    ),
}

# Each story: school, slug, theme, SDGs, audience, and (lv, en) text pairs.
STORIES = [
    {
        "school": "kimijas-pii",
        "slug": "lietus-udens-dobem",
        "theme": "water",
        "sdgs": [6, 13],
        "audience": PracticeAudience.PRESCHOOL,
        "title": ("Lietus ūdens dārziņa dobēm", "Rainwater for the kindergarten beds"),
        "intro": (
            "Bērni ar vecākiem uzstādīja divas lietus ūdens mucas un tagad paši "
            "laista dobes ar lejkannām.",
            "Children and parents set up two rainwater barrels and now water the "
            "beds themselves with watering cans.",
        ),
        "problem": (
            "Vasarā dobes un puķu kastes laistījām ar dzeramo ūdeni no krāna, un "
            "bērni nesaprata, no kurienes ūdens nāk.",
            "In summer we watered the beds and flower boxes with drinking water "
            "from the tap, and the children did not understand where water "
            "comes from.",
        ),
        "what_was_done": (
            "Vecāku talkā pie notekcaurulēm uzstādījām divas 200 litru mucas ar "
            "vākiem. Katra grupa saņēma savu lejkannu un laistīšanas grafiku, un "
            "bērni zīmēja lietus ceļu no mākoņa līdz dobei.",
            "At a parents' working day we fitted two 200-litre barrels with lids "
            "to the downpipes. Each group got its own watering can and a watering "
            "rota, and the children drew the path of rain from the cloud to "
            "the bed.",
        ),
        "results": [
            (
                "800",
                "litri",
                "lietus ūdens izmantoti mēnesī vasarā",
                "litres",
                "of rainwater used per month in summer",
            )
        ],
    },
    {
        "school": "saskanas",
        "slug": "udens-detektivi",
        "theme": "water",
        "sdgs": [6, 12],
        "audience": PracticeAudience.PRIMARY,
        "title": ("Ūdens detektīvi", "Water detectives"),
        "intro": (
            "5. un 6. klašu skolēni reizi mēnesī apstaigā skolu, meklē pilošus "
            "krānus un tekošas tualetes un ziņo saimniekam.",
            "Pupils of grades 5 and 6 walk round the school once a month, look "
            "for dripping taps and running toilets and report them to the "
            "caretaker.",
        ),
        "problem": (
            "Skolas ūdens rēķins gada laikā pieauga, lai gan skolēnu skaits "
            "nemainījās. Neviens nezināja, kur ūdens pazūd.",
            "The school's water bill rose over the year although the number of "
            "pupils stayed the same. Nobody knew where the water went.",
        ),
        "what_was_done": (
            "Ekopadome izveidoja detektīvu kartītes ar skolas plānu. Pāri pa "
            "diviem pārbauda katru krānu un tualeti, ar glāzi un pulksteni mēra, "
            "cik ūdens izpil minūtē, un atzīmē bojājumus kartē. Saimnieks "
            "nedēļas laikā tos novērš, un detektīvi pārbauda vēlreiz.",
            "The eco-council made detective cards with a plan of the school. "
            "Pupils in pairs check every tap and toilet, measure with a glass and "
            "a watch how much water drips away in a minute, and mark faults on "
            "the plan. The caretaker fixes them within a week, and the "
            "detectives check again.",
        ),
        "results": [
            (
                "14",
                "bojājumi",
                "atrasti un novērsti pirmajā pusgadā",
                "faults",
                "found and fixed in the first half-year",
            ),
            (
                "1200",
                "litri",
                "ūdens ietaupīti mēnesī",
                "litres",
                "of water saved per month",
            ),
        ],
    },
    {
        "school": "lvt",
        "slug": "skirosanas-stacijas-darbnicas",
        "theme": "waste",
        "sdgs": [12],
        "audience": PracticeAudience.VOCATIONAL,
        "title": (
            "Šķirošanas stacijas mācību darbnīcās",
            "Sorting stations in the training workshops",
        ),
        "intro": (
            "Metālapstrādes un kokapstrādes darbnīcās audzēkņi paši izgatavoja "
            "šķirošanas stacijas, un jauktu atkritumu kļuva par trešdaļu mazāk.",
            "In the metalwork and woodwork workshops the students made their own "
            "sorting stations, and mixed waste fell by a third.",
        ),
        "problem": (
            "Darbnīcās metāla skaidas, koka atgriezumi un iepakojums nonāca vienā "
            "konteinerā, lai gan metālu un koku var nodot pārstrādei.",
            "In the workshops metal shavings, wood offcuts and packaging all went "
            "into one container, although metal and wood can be recycled.",
        ),
        "what_was_done": (
            "Audzēkņi praktiskajās mācībās izgatavoja četru nodalījumu stacijas "
            "no atlikušā materiāla, marķēja tās ar piktogrammām un vienojās ar "
            "pārstrādātāju par metāla un koksnes izvešanu.",
            "In their practical lessons the students built four-compartment "
            "stations from leftover material, labelled them with pictograms and "
            "agreed with a recycler to collect the metal and wood.",
        ),
        "results": [
            ("35", "%", "mazāk jauktu atkritumu", "%", "less mixed waste"),
            (
                "2,4",
                "tonnas",
                "metāla un koksnes nodotas pārstrādei gadā",
                "tonnes",
                "of metal and wood recycled per year",
            ),
        ],
    },
    {
        "school": "lvt",
        "slug": "energijas-patrula",
        "theme": "energy",
        "sdgs": [7, 13],
        "audience": PracticeAudience.VOCATIONAL,
        "title": ("Enerģijas patruļa", "Energy patrol"),
        "intro": (
            "Elektriķu audzēkņi pēc stundām pārbauda, vai klasēs izslēgtas gaismas "
            "un iekārtas, un reizi mēnesī nolasa skaitītājus.",
            "Electrician students check after lessons that lights and equipment "
            "are switched off in the classrooms, and read the meters once a month.",
        ),
        "problem": (
            "Vakaros un nedēļas nogalēs tehnikumā dega gaismas un strādāja "
            "datori, ko neviens neizmantoja.",
            "In the evenings and at weekends lights were on and computers were "
            "running in the school with nobody using them.",
        ),
        "what_was_done": (
            "Patruļa sastādīja telpu sarakstu, uzlīmēja atgādinājumus pie slēdžiem "
            "un katru mēnesi publicē skaitītāju rādījumus skolas stendā.",
            "The patrol made a list of rooms, put reminders by the switches and "
            "publishes the meter readings on the school notice board every month.",
        ),
        "results": [
            (
                "11",
                "%",
                "mazāks elektroenerģijas patēriņš gadā",
                "%",
                "less electricity used per year",
            )
        ],
    },
    {
        "school": "lit",
        "slug": "udens-detektivi-tehnikuma",
        "theme": "water",
        "sdgs": [6],
        "audience": PracticeAudience.VOCATIONAL,
        "adopted_from": ("saskanas", "udens-detektivi"),
        "title": (
            "Ūdens detektīvi tehnikumā",
            "Water detectives at the technical school",
        ),
        "intro": (
            "Pārņēmām Saskaņas pamatskolas „Ūdens detektīvus”: santehniķu audzēkņi "
            "ne tikai atrod sūces, bet arī paši tās novērš praktiskajās mācībās.",
            "We adopted the “Water detectives” of Saskaņas pamatskola: plumbing "
            "students not only find leaks but also fix them in their practical "
            "lessons.",
        ),
        "problem": (
            "Ūdens gada tēmas sākumā vides novērtējuma aptauja parādīja, ka "
            "audzēkņi bieži redz pilošus krānus, bet nezina, kam par tiem ziņot.",
            "At the start of the water year the environmental review survey showed "
            "that students often see dripping taps but do not know whom to tell.",
        ),
        "what_was_done": (
            "Ekopadome pielāgoja Saskaņas pamatskolas detektīvu kartītes tehnikuma "
            "ēkām. Santehniķu grupa katru mēnesi pārbauda dienesta viesnīcu un "
            "mācību korpusu un remontdarbus veic kā praktisko uzdevumu.",
            "The eco-council adapted Saskaņas pamatskola's detective cards to the "
            "school's buildings. The plumbing group checks the dormitory and the "
            "teaching block every month and does the repairs as a practical "
            "assignment.",
        ),
        "results": [
            (
                "9",
                "sūces",
                "novērstas pirmajos trīs mēnešos",
                "leaks",
                "fixed in the first three months",
            ),
            (
                "2100",
                "litri",
                "ūdens ietaupīti mēnesī",
                "litres",
                "of water saved per month",
            ),
        ],
        "partners": ["rigas-udens"],
    },
    {
        "school": "lit",
        "slug": "lietus-udens-siltumnicai",
        "theme": "water",
        "sdgs": [6, 13],
        "audience": PracticeAudience.VOCATIONAL,
        "adopted_from": ("kimijas-pii", "lietus-udens-dobem"),
        "title": ("Lietus ūdens siltumnīcai", "Rainwater for the greenhouse"),
        "intro": (
            "Pēc ķīmijas apkaimes pirmsskolas parauga savācam lietus ūdeni no "
            "darbnīcu jumta un laistām tehnikuma siltumnīcu.",
            "Following the example of the Ķīmijas apkaime pre-school, we collect "
            "rainwater from the workshop roof and water the school's greenhouse.",
        ),
        "problem": (
            "Siltumnīcu laistījām ar krāna ūdeni, lai gan blakus esošās darbnīcas "
            "jumts lietus ūdeni novadīja kanalizācijā.",
            "We watered the greenhouse with tap water, while the roof of the "
            "workshop next to it drained rainwater into the sewer.",
        ),
        "what_was_done": (
            "Audzēkņi projektēja un uzstādīja 1000 litru tvertni ar filtru un "
            "sūkni, un pirmsskolas bērni atbrauca apskatīt, kā viņu ideja "
            "izskatās lielākā mērogā.",
            "Students designed and installed a 1000-litre tank with a filter and "
            "a pump, and the pre-school children came to see how their idea "
            "looks on a larger scale.",
        ),
        "results": [
            (
                "3500",
                "litri",
                "krāna ūdens ietaupīti mēnesī vasarā",
                "litres",
                "of tap water saved per month in summer",
            )
        ],
    },
    {
        "school": "saskanas",
        "slug": "bateriju-vaksana",
        "theme": "waste",
        "sdgs": [12, 15],
        "audience": PracticeAudience.COMMUNITY,
        "title": (
            "Izlietoto bateriju vākšanas nedēļas",
            "Used-battery collection weeks",
        ),
        "intro": (
            "Divreiz gadā klases sacenšas, kura savāks vairāk izlietoto bateriju "
            "no mājām un kaimiņiem.",
            "Twice a year the classes compete to collect the most used batteries "
            "from their homes and neighbours.",
        ),
        "problem": (
            "Aptaujā puse ģimeņu atzina, ka izlietotās baterijas izmet sadzīves "
            "atkritumos.",
            "In a survey half of the families said they throw used batteries away "
            "with household waste.",
        ),
        "what_was_done": (
            "Skolas vestibilā novietojām caurspīdīgas kastes katrai klasei, "
            "skolēni izveidoja plakātus kāpņu telpām, un savākto nodevām "
            "bīstamo atkritumu apsaimniekotājam.",
            "We put a transparent box for each class in the school hall, the "
            "pupils made posters for the stairwells of nearby blocks of flats, "
            "and we handed the batteries to a hazardous-waste company.",
        ),
        "results": [
            (
                "186",
                "kg",
                "bateriju savākti gadā",
                "kg",
                "of batteries collected per year",
            )
        ],
    },
]

# LIT adopted LVT's sorting stations (its action plan's item 7.3).
ADOPTIONS = [("lit", "lvt", "skirosanas-stacijas-darbnicas")]


def _school(slug):
    return SchoolPage.objects.get(slug=slug, locale=Locale.get_default())


def _story(school_slug, slug):
    index = StoryIndexPage.objects.child_of(_school(school_slug)).get()
    return GoodPracticeStoryPage.objects.child_of(index).get(slug=slug)


def _strings(data):
    strings = {}
    for key in ("title", "intro", "problem", "what_was_done"):
        strings[data[key][0]] = data[key][1]
    for _value, unit, what, unit_en, what_en in data["results"]:
        strings[unit] = unit_en
        strings[what] = what_en
    return strings


def load_library():
    hub = HomePage.objects.get(locale=Locale.get_default())
    library = GoodPracticeLibraryPage.objects.child_of(hub).first()
    if library is None:
        library = hub.add_child(
            instance=GoodPracticeLibraryPage(
                title=LIBRARY["title"][0],
                slug=LIBRARY["slug"],
                intro=f"<p>{LIBRARY['intro'][0]}</p>",
                locale=hub.locale,
            )
        )
        library.save_revision().publish()
    ensure_translation(
        library,
        "en",
        {
            LIBRARY["title"][0]: LIBRARY["title"][1],
            LIBRARY["slug"]: "good-practice-library",
            LIBRARY["intro"][0]: LIBRARY["intro"][1],
        },
    )
    return library


def load_story(data):
    index = StoryIndexPage.objects.child_of(_school(data["school"])).get()
    story = (
        GoodPracticeStoryPage.objects.child_of(index).filter(slug=data["slug"]).first()
    )
    if story is None:
        default = Locale.get_default()
        story = GoodPracticeStoryPage(
            title=data["title"][0],
            slug=data["slug"],
            locale=index.locale,
            intro=data["intro"][0],
            theme=EcoTheme.objects.get(slug=data["theme"], locale=default),
            audience=data["audience"],
            problem=f"<p>{data['problem'][0]}</p>",
            what_was_done=f"<p>{data['what_was_done'][0]}</p>",
            results=[
                (
                    "result",
                    {
                        "value": Decimal(value.replace(",", ".")),
                        "unit": unit,
                        "what": what,
                    },
                )
                for value, unit, what, _unit_en, _what_en in data["results"]
            ],
        )
        if "adopted_from" in data:
            story.adopted_from = _story(*data["adopted_from"])
        story.sdgs = list(
            SustainableDevelopmentGoal.objects.filter(
                number__in=data["sdgs"], locale=default
            )
        )
        story.partners = list(
            PartnerPage.objects.filter(
                slug__in=data.get("partners", []), locale=default
            )
        )
        index.add_child(instance=story)
        story.save_revision().publish()
    ensure_translation(story, "en", _strings(data))
    return story


@transaction.atomic
def load():
    load_library()
    for data in STORIES:
        load_story(data)
    for school_slug, story_school, story_slug in ADOPTIONS:
        load_adoption(_story(story_school, story_slug), _school(school_slug))


def load_adoption(story, school):
    """The adoption as a record only.

    An adoption in the admin also puts a draft activity into the school's plan;
    the demo does not, because the action plans' demo loader expects LIT's plan
    to hold only the seed's activities when it runs again.
    """
    if existing_adoption(story, school) is None:
        StoryAdoption.objects.create(story=story, school=school)
