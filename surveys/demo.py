"""Demo: LIT's environmental review surveys about water, their answers and report.

Item 2 of LIT's 2025/2026 eco action plan (theme: water): the review survey for
students, teachers and administration, summarised and published. The answers are
generated from a seeded random generator, so every load produces the same data.
The questions, the surveys and the report are in `surveys/demo_data/surveys.yaml`;
how the answers lean (better habits in 2025 and among staff) is in the code below.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from wagtail.models import Locale
from wagtail.rich_text import RichText

from home.demo_loading import lv, paragraph, publish_child, read_demo_data
from home.models import SchoolPage
from home.timezones import RIGA
from surveys.models import (
    ReportIndexPage,
    ReportPage,
    SurveyAnswer,
    SurveyField,
    SurveyPage,
    SurveyResponse,
)


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


def _answer(rng, kind, key, audience, quality, options, ideas):
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
        return rng.choice(ideas) if rng.random() < 0.3 else ""
    weights = _weights(kind, key, audience, quality, options)
    return rng.choices(options, weights=weights)[0]


def _questions(survey):
    return {field.question_key: field for field in survey.get_form_fields()}


def _generate_answers(survey, per_group, seed, quality, ideas):
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    fields = _questions(survey)
    span = (survey.closes_at - survey.opens_at).total_seconds()
    people = [audience for audience, n in per_group.items() for _ in range(n)]
    rng.shuffle(people)
    for audience in people:
        data, rows = {}, []
        for key, field in fields.items():
            values = [value for value, _label in field.options]
            value = _answer(
                rng, field.field_type, key, audience, quality, values, ideas
            )
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


def _survey_field(number, key, question):
    return SurveyField(
        sort_order=number,
        label=lv(question["label"]),
        help_text=lv(question.get("help_text", "")),
        field_type=question["type"],
        question_key=key,
        required=question["type"] != "free_text",
        choices="\n".join(lv(option) for option in question.get("options", [])),
    )


def _question_english(question):
    options = question.get("options", [])
    # wagtail-localize keeps the line breaks of a text field as <br/>.
    choices = {
        language: "<br/>".join(option[language] for option in options)
        for language in ("lv", "en")
    }
    return [question["label"], question.get("help_text"), choices if options else None]


def _ensure_survey(index, data, spec):
    questions = {key: data["questions"][key] for key in spec["questions"]}
    is_new = (
        not SurveyPage.objects.child_of(index).filter(slug=lv(spec["slug"])).exists()
    )
    survey = publish_child(
        index,
        SurveyPage,
        spec,
        data["intro"],
        data["thank_you_text"],
        *(_question_english(question) for question in questions.values()),
        intro=paragraph(data["intro"]),
        thank_you_text=paragraph(data["thank_you_text"]),
        school_year=spec["school_year"],
        opens_at=spec["opens_at"].replace(tzinfo=RIGA),
        closes_at=spec["closes_at"].replace(tzinfo=RIGA),
        anonymous=True,
        results_published=True,
        form_fields=[
            _survey_field(number, key, question)
            for number, (key, question) in enumerate(questions.items())
        ],
    )
    if is_new:
        # The answers are generated once, with the survey, from a fixed seed.
        _generate_answers(
            SurveyPage.objects.get(pk=survey.pk),
            spec["answers_per_group"],
            spec["seed"],
            spec["quality"],
            data["ideas"],
        )
    return survey


def _report_body(report, survey):
    findings, plans, meter = (
        report["findings"],
        report["plans"],
        report["findings"]["meter"],
    )
    body = [
        ("heading", {"text": lv(findings["heading"]), "level": "h2"}),
        ("paragraph", RichText(paragraph(findings["text"]))),
    ]
    for chart in findings["charts"]:
        body.append(
            (
                "survey_chart",
                {
                    "survey": survey,
                    "question_key": chart["question"],
                    "caption": lv(chart["caption"]),
                },
            )
        )
    rows = [
        {"label": row["label"], "value": Decimal(str(row["value"]))}
        for row in meter["rows"]
    ]
    body += [
        (
            "table_chart",
            {
                "title": lv(meter["title"]),
                "description": lv(meter["description"]),
                "unit": lv(meter["unit"]),
                "rows": rows,
            },
        ),
        ("heading", {"text": lv(plans["heading"]), "level": "h2"}),
        ("paragraph", RichText(paragraph(plans["text"]))),
    ]
    return body


def _ensure_report(index, report, survey):
    return publish_child(
        index,
        ReportPage,
        report,
        action_plan_year=report["action_plan_year"],
        intro=lv(report["intro"]),
        body=_report_body(report, survey),
    )


@transaction.atomic
def load():
    data = read_demo_data(__file__, "surveys.yaml")
    school = SchoolPage.objects.filter(
        slug=data["school"], locale=Locale.get_default()
    ).first()
    if school is None:
        return
    index = _reports_index(school)
    surveys = {
        lv(spec["slug"]): _ensure_survey(index, data, spec) for spec in data["surveys"]
    }
    report = data["report"]
    _ensure_report(index, report, surveys[report["survey"]])
