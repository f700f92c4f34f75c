"""Demo: LIT's environmental review surveys about water, their answers and report.

Item 2 of LIT's 2025/2026 eco action plan (theme: water): the review survey for
students, teachers and administration, summarised and published. The answers are
generated from a seeded random generator, so every load produces the same data.
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale
from wagtail.rich_text import RichText

from home.models import SchoolPage
from home.timezones import RIGA
from home.translation import ensure_translation
from surveys.models import (
    ReportIndexPage,
    ReportPage,
    SurveyAnswer,
    SurveyField,
    SurveyPage,
    SurveyResponse,
)

# key: (type, Latvian label, English label, Latvian options, English options)
QUESTIONS = {
    "dripping_taps": (
        "yes_no",
        "Vai pēdējā mēneša laikā tehnikumā esat redzējis pilošu krānu?",
        "In the last month, have you seen a dripping tap at the college?",
        [],
        [],
    ),
    "running_toilets": (
        "single_choice",
        "Cik bieži pamanāt tualetes, kurās ūdens tek nepārtraukti?",
        "How often do you notice toilets where the water keeps running?",
        ["Nekad", "Reizi semestrī", "Reizi mēnesī", "Katru nedēļu"],
        ["Never", "Once a term", "Once a month", "Every week"],
    ),
    "leak_reporting": (
        "yes_no",
        "Vai zināt, kam ziņot par ūdens noplūdi tehnikumā?",
        "Do you know whom to tell about a water leak at the college?",
        [],
        [],
    ),
    "rainwater_use": (
        "multiple_choice",
        "Kur, jūsuprāt, tehnikumā varētu izmantot lietus ūdeni?",
        "Where do you think the college could use rainwater?",
        [
            "Puķu un apstādījumu laistīšanai",
            "Tualešu skalošanai",
            "Transportlīdzekļu mazgāšanai mācību darbnīcās",
            "Mācību stundās un eksperimentos",
            "Nekur",
        ],
        [
            "Watering flowers and green areas",
            "Flushing toilets",
            "Washing vehicles in the training workshops",
            "In lessons and experiments",
            "Nowhere",
        ],
    ),
    "drinking_water": (
        "single_choice",
        "Ko jūs tehnikumā parasti dzerat?",
        "What do you usually drink at the college?",
        [
            "Krāna ūdeni no savas pudeles",
            "Pirktu ūdeni plastmasas pudelēs",
            "Saldinātus dzērienus",
            "Tēju vai kafiju",
        ],
        [
            "Tap water from my own bottle",
            "Bottled water I buy",
            "Sweet drinks",
            "Tea or coffee",
        ],
    ),
    "tap_water_trust": (
        "scale",
        "Cik ļoti uzticaties tehnikuma krāna ūdens kvalitātei?",
        "How much do you trust the quality of the college's tap water?",
        [],
        [],
    ),
    "water_saving_home": (
        "multiple_choice",
        "Ko jūs darāt mājās, lai taupītu ūdeni?",
        "What do you do at home to save water?",
        [
            "Aizgriežu krānu, kamēr tīru zobus",
            "Eju dušā, nevis vannā",
            "Trauku mašīnu darbinu tikai pilnu",
            "Dārzu laistu ar savāktu lietus ūdeni",
            "Neko īpašu",
        ],
        [
            "I turn off the tap while brushing my teeth",
            "I take a shower, not a bath",
            "I run the dishwasher only when it is full",
            "I water the garden with collected rainwater",
            "Nothing in particular",
        ],
    ),
    "water_knowledge": (
        "scale",
        "Cik labi jūs zināt, kā ikdienā taupīt ūdeni?",
        "How well do you know how to save water in everyday life?",
        [],
        [],
    ),
    "ideas": (
        "free_text",
        "Jūsu ieteikumi ūdens taupīšanai tehnikumā",
        "Your ideas for saving water at the college",
        [],
        [],
    ),
}
SCALE_HELP = ("1 – nemaz, 5 – pilnībā", "1 – not at all, 5 – completely")
KNOWLEDGE_HELP = ("1 – ļoti slikti, 5 – ļoti labi", "1 – very poorly, 5 – very well")

IDEAS = [
    "Uzstādīt sensoru krānus izlietnēm pie ēdnīcas.",
    "Pie krāniem uzlīmēt atgādinājumus aizgriezt ūdeni.",
    "Ierīkot dzeramā ūdens uzpildes stacijas katrā stāvā.",
    "Savākt lietus ūdeni mucās un laistīt puķes pie ieejas.",
    "Ātrāk salabot tualetes 2. stāvā, tur ūdens tek visu laiku.",
    "Rīkot ūdens taupīšanas nedēļu ar sacensībām starp grupām.",
    "Mācību darbnīcās mazgāt detaļas ar atkārtoti izmantotu ūdeni.",
    "Izveidot vienkāršu veidu, kā ziņot par pilošu krānu, piemēram, QR kodu.",
    "Regulāri publicēt tehnikuma ūdens patēriņu, lai visi redz rezultātu.",
]

# Survey: (slug, title lv, title en, school year, opens, closes, question keys,
#          answers per group, seed, "how good things are" from 0 to 1)
SURVEYS = [
    (
        "vides-novertejuma-aptauja-2024",
        "Vides novērtējuma aptauja 2024",
        "Environmental review survey 2024",
        "2024/2025",
        datetime(2024, 9, 16, 8, 0, tzinfo=RIGA),
        datetime(2024, 10, 18, 18, 0, tzinfo=RIGA),
        [
            "dripping_taps",
            "running_toilets",
            "drinking_water",
            "tap_water_trust",
            "water_saving_home",
        ],
        {"students": 71, "teachers": 15, "administration": 5},
        2024,
        0.35,
    ),
    (
        "vides-novertejuma-aptauja-2025",
        "Vides novērtējuma aptauja 2025: ūdens tehnikumā",
        "Environmental review survey 2025: water at the college",
        "2025/2026",
        datetime(2025, 9, 15, 8, 0, tzinfo=RIGA),
        datetime(2025, 10, 17, 18, 0, tzinfo=RIGA),
        list(QUESTIONS),
        {"students": 92, "teachers": 19, "administration": 6, "other": 3},
        2025,
        0.6,
    ),
]
SURVEY_INTRO = (
    "<p>Ekopadome pēta, kā tehnikumā un mājās izmantojam ūdeni. Aptauja ir "
    "anonīma un aizņem piecas minūtes.</p>"
)
SURVEY_INTRO_EN = (
    "The eco-council is looking at how we use water at the college and at home. "
    "The survey is anonymous and takes five minutes."
)
SURVEY_INTRO_LV = (
    "Ekopadome pēta, kā tehnikumā un mājās izmantojam ūdeni. Aptauja ir "
    "anonīma un aizņem piecas minūtes."
)
THANKS = "<p>Paldies! Rezultātus publicēsim sadaļā “Pārskati”.</p>"
THANKS_STRINGS = {
    "Paldies! Rezultātus publicēsim sadaļā “Pārskati”.": "Thank you! We will "
    "publish the results in the “Reports” section."
}


def _weights(kind, key, audience, quality, options):
    """Answer weights: better water habits in 2025 and among staff."""
    staff = audience in {"teachers", "administration"}
    if kind == "yes_no":
        yes = {
            "dripping_taps": 0.7 - 0.4 * quality,
            "leak_reporting": 0.4 + 0.3 * quality,
        }
        p = yes.get(key, 0.5) + (0.15 if staff and key == "leak_reporting" else 0)
        return [p, 1 - p]
    if key == "running_toilets":
        return [0.2 + 0.4 * quality, 0.3, 0.3 - 0.1 * quality, 0.2 - 0.1 * quality]
    if key == "drinking_water":
        if staff:
            return [0.35 + 0.2 * quality, 0.15, 0.05, 0.45]
        return [0.2 + 0.35 * quality, 0.45 - 0.2 * quality, 0.3 - 0.1 * quality, 0.05]
    if kind == "scale":
        centre = 2.6 + 1.2 * quality + (0.4 if staff else 0)
        return [max(0.05, 1.4 - abs(point - centre)) for point in range(1, 6)]
    return [1] * len(options)


def _answer(rng, kind, key, audience, quality, options):
    if kind == "multiple_choice":
        base = [0.7, 0.35, 0.3, 0.4, 0.08] if key == "rainwater_use" else None
        base = base or [0.55 + 0.2 * quality, 0.6, 0.35, 0.15, 0.12]
        chosen = [
            value for value, p in zip(options, base, strict=True) if rng.random() < p
        ]
        last = options[-1]
        if last in chosen and len(chosen) > 1:
            chosen.remove(last)
        return chosen or [options[0]]
    if kind == "free_text":
        return rng.choice(IDEAS) if rng.random() < 0.3 else ""
    weights = _weights(kind, key, audience, quality, options)
    return rng.choices(options, weights=weights)[0]


def _questions(survey):
    return {field.question_key: field for field in survey.get_form_fields()}


def _generate_answers(survey, per_group, seed, quality):
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    fields = _questions(survey)
    span = (survey.closes_at - survey.opens_at).total_seconds()
    people = [audience for audience, n in per_group.items() for _ in range(n)]
    rng.shuffle(people)
    for audience in people:
        data, rows = {}, []
        for key, field in fields.items():
            values = [value for value, _label in field.options]
            value = _answer(rng, field.field_type, key, audience, quality, values)
            if field.field_type == "scale":
                value = int(value)
                rows.append({"choice": str(value), "number": value})
            elif field.field_type == "multiple_choice":
                rows += [{"choice": choice} for choice in value]
            elif field.field_type == "free_text":
                if value:
                    rows.append({"text": value})
            else:
                rows.append({"choice": value})
            for row in rows:
                row.setdefault("question_key", key)
            data[key] = value
        response = SurveyResponse.objects.create(
            page=survey,
            survey_key=survey.translation_key,
            audience=audience,
            form_data=data,
        )
        SurveyResponse.objects.filter(pk=response.pk).update(
            submit_time=survey.opens_at + timedelta(seconds=rng.uniform(0, span))
        )
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, **row) for row in rows
        )


def _reports_index(school):
    index = ReportIndexPage.objects.child_of(school).first()
    if index is None:
        raise LookupError("LIT has no reports section; create_school adds it.")
    return index


def _ensure_survey(index, spec):
    slug, title, title_en, year, opens, closes, keys, per_group, seed, quality = spec
    survey = SurveyPage.objects.child_of(index).filter(slug=slug).first()
    strings = {
        title: title_en,
        # English pages get English addresses: "environmental-review-survey-2024".
        slug: slugify(title_en.split(":")[0]),
        SURVEY_INTRO_LV: SURVEY_INTRO_EN,
        **THANKS_STRINGS,
    }
    if survey is None:
        survey = SurveyPage(
            title=title,
            slug=slug,
            locale=index.locale,
            intro=SURVEY_INTRO,
            thank_you_text=THANKS,
            school_year=year,
            opens_at=opens,
            closes_at=closes,
            anonymous=True,
            results_published=True,
        )
        for number, key in enumerate(keys):
            kind, label, _label_en, options, _options_en = QUESTIONS[key]
            help_text = ""
            if key == "tap_water_trust":
                help_text = SCALE_HELP[0]
            elif key == "water_knowledge":
                help_text = KNOWLEDGE_HELP[0]
            survey.form_fields.add(
                SurveyField(
                    sort_order=number,
                    label=label,
                    help_text=help_text,
                    field_type=kind,
                    question_key=key,
                    required=kind != "free_text",
                    choices="\n".join(options),
                )
            )
        index.add_child(instance=survey)
        survey.save_revision().publish()
        survey = SurveyPage.objects.get(pk=survey.pk)
        _generate_answers(survey, per_group, seed, quality)
    for key in keys:
        _kind, label, label_en, options, options_en = QUESTIONS[key]
        strings[label] = label_en
        if options:
            # wagtail-localize keeps the line breaks of a text field as <br/>.
            strings["<br/>".join(options)] = "<br/>".join(options_en)
    strings[SCALE_HELP[0]] = SCALE_HELP[1]
    strings[KNOWLEDGE_HELP[0]] = KNOWLEDGE_HELP[1]
    ensure_translation(survey, "en", strings)
    return survey


REPORT_TITLE = "Vides novērtējums 2025: ūdens tehnikumā"
REPORT_INTRO = (
    "Ekopadomes kopsavilkums par 2025. gada vides novērtējuma aptauju, kurā "
    "atbildēja 120 izglītojamie, pedagogi un administrācijas darbinieki."
)
REPORT_PARAGRAPHS = [
    (
        "Salīdzinot ar 2024. gadu, pilošus krānus pamanījuši mazāk "
        "respondentu, un vairāk izglītojamo tehnikumā dzer krāna ūdeni no savas "
        "pudeles.",
        "Compared with 2024, fewer respondents noticed dripping taps, and more "
        "students drink tap water from their own bottle at the college.",
    ),
    (
        "Rīcības plānā iekļaujam: tualešu skalošanas mehānismu pārbaudi katru "
        "mēnesi, lietus ūdens mucas pie dārza un QR kodu ziņošanai par "
        "noplūdēm.",
        "We add to the action plan: a monthly check of the toilet cisterns, "
        "rainwater barrels by the garden, and a QR code for reporting leaks.",
    ),
]
METER_TITLE = "Tehnikuma ūdens patēriņš, m³ gadā"
METER_TITLE_EN = "The college's water use, m³ a year"
METER_DESCRIPTION = (
    "Ūdens skaitītāja rādījumi: 2023. gadā 5480 m³, 2024. gadā 5210 m³, "
    "2025. gadā 4870 m³."
)
METER_DESCRIPTION_EN = (
    "Water meter readings: 5480 m³ in 2023, 5210 m³ in 2024, 4870 m³ in 2025."
)
CHART_CAPTIONS = {
    "dripping_taps": ("Pilošie krāni", "Dripping taps"),
    "running_toilets": ("Tualetes, kurās tek ūdens", "Toilets that keep running"),
    "rainwater_use": ("Lietus ūdens izmantošana", "Using rainwater"),
    "drinking_water": ("Dzeramā ūdens paradumi", "Drinking water habits"),
    "water_saving_home": ("Ūdens taupīšana mājās", "Saving water at home"),
}


def _ensure_report(index, survey):
    report = ReportPage.objects.child_of(index).filter(slug="vides-novertejums-2025")
    report = report.first()
    strings = {
        REPORT_TITLE: "Environmental review 2025: water at the college",
        "vides-novertejums-2025": "environmental-review-2025",
        REPORT_INTRO: "The eco-council's summary of the 2025 environmental review "
        "survey, answered by 120 students, teachers and administration staff.",
        "Ko atklāja aptauja": "What the survey found",
        "Ko darīsim": "What we will do",
        METER_TITLE: METER_TITLE_EN,
        METER_DESCRIPTION: METER_DESCRIPTION_EN,
        "m³": "m³",
        **dict(REPORT_PARAGRAPHS),
        **dict(CHART_CAPTIONS.values()),
    }
    if report is None:
        body = [("heading", {"text": "Ko atklāja aptauja", "level": "h2"})]
        body.append(("paragraph", RichText(f"<p>{REPORT_PARAGRAPHS[0][0]}</p>")))
        for key, (caption, _caption_en) in CHART_CAPTIONS.items():
            body.append(
                (
                    "survey_chart",
                    {"survey": survey, "question_key": key, "caption": caption},
                )
            )
        body.append(
            (
                "table_chart",
                {
                    "title": METER_TITLE,
                    "description": METER_DESCRIPTION,
                    "unit": "m³",
                    "rows": [
                        {"label": "2023", "value": Decimal("5480")},
                        {"label": "2024", "value": Decimal("5210")},
                        {"label": "2025", "value": Decimal("4870")},
                    ],
                },
            )
        )
        body.append(("heading", {"text": "Ko darīsim", "level": "h2"}))
        body.append(("paragraph", RichText(f"<p>{REPORT_PARAGRAPHS[1][0]}</p>")))
        report = index.add_child(
            instance=ReportPage(
                title=REPORT_TITLE,
                slug="vides-novertejums-2025",
                locale=index.locale,
                action_plan_year="2025/2026",
                intro=REPORT_INTRO,
                body=body,
            )
        )
        report.save_revision().publish()
    ensure_translation(report, "en", strings)
    return report


@transaction.atomic
def load():
    lit = SchoolPage.objects.filter(slug="lit", locale=Locale.get_default()).first()
    if lit is None:
        return
    index = _reports_index(lit)
    surveys = [_ensure_survey(index, spec) for spec in SURVEYS]
    _ensure_report(index, surveys[-1])
