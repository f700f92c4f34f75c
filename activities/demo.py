"""Demo content: LIT's real eco action plan for 2025/2026 (theme: water).

The activities come from `demo_data/action-plan-2025-2026.csv` through the same
importer that schools use; `demo_data/action-plan-2025-2026.yaml` adds the goals of
the plan the eco-committee approved on 21 October 2025, the English titles, the
activities' details and their progress. Running `load` again changes nothing.
"""

from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from activities.importer import activity_slug, import_plan, parse_rows, read_table
from activities.models import ActivityPage, ActivityProgress
from home.demo_loading import add_english, html_list, lv, paragraph, read_demo_data
from home.models import EcoTheme, SchoolPage, SustainableDevelopmentGoal

DEMO = read_demo_data(__file__, "action-plan-2025-2026.yaml")
PLAN_CSV = Path(__file__).resolve().parent / "demo_data" / "action-plan-2025-2026.csv"

# The tests compare the English plan and the progress reports with these.
TITLES_EN = {number: data["title_en"] for number, data in DEMO["activities"].items()}
PROGRESS = DEMO["progress"]


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


def _plan_fields(plan, lv_locale):
    return {
        "title": lv(plan["title"]),
        "theme": EcoTheme.objects.get(slug=plan["theme"], locale=lv_locale),
        "strategic_goals": "".join(map(paragraph, plan["strategic_goals"])),
        "institution_goals": html_list(plan["institution_goals"], "ol"),
        "eco_school_goals": html_list(plan["eco_school_goals"], "ol"),
        "students_can": html_list(plan["students_can"]),
        "approved_by": lv(plan["approved_by"]),
        "approved_on": plan["approved_on"],
    }


def _activity_fields(details):
    fields = {
        "step": ActivityPage.Step(details["step"]),
        "responsible": details["responsible"],
    }
    for name in ActivityPage.AUDIENCE_FIELDS:
        fields[name] = name.removeprefix("audience_") in details["audiences"]
    return fields


def _record_progress(activities):
    for entry in PROGRESS:
        # Loaded afresh: the previous entry may have published a new revision.
        page = ActivityPage.objects.get(pk=activities[entry["activity"]].pk)
        latest = page.get_latest_revision_as_object()
        if any(done.month == entry["month"] for done in latest.progress.all()):
            continue
        latest.progress.add(
            ActivityProgress(
                month=entry["month"], status=entry["status"], report=entry["report"]
            )
        )
        latest.save_revision().publish()


def _activity_english(page):
    title_en = TITLES_EN[page.number]
    # The English address follows the English title, as the importer makes it.
    title = {"lv": page.title, "en": title_en}
    slug = {"lv": page.slug, "en": activity_slug(page.number, title_en)}
    return [title, slug, DEMO["responsible"]]


@transaction.atomic
def load():
    plan_data = DEMO["plan"]
    lv_locale = Locale.objects.get(language_code="lv")
    school = SchoolPage.objects.get(slug=plan_data["school"], locale=lv_locale)
    rows = parse_rows(read_table(PLAN_CSV.read_bytes(), PLAN_CSV.name))
    plan = import_plan(school, plan_data["school_year"], rows).plan
    _publish_if_changed(plan, _plan_fields(plan_data, lv_locale))

    activities = {page.number: page for page in ActivityPage.objects.child_of(plan)}
    goals = {
        g.number: g for g in SustainableDevelopmentGoal.objects.filter(locale=lv_locale)
    }
    for number, details in DEMO["activities"].items():
        # Activities without details keep what the spreadsheet gave them.
        if "step" in details:
            _publish_if_changed(
                activities[number],
                _activity_fields(details),
                sdgs=[goals[n] for n in details["sdgs"]],
            )
    _record_progress(activities)

    plan.refresh_from_db()
    add_english(plan, plan_data)
    for page in ActivityPage.objects.child_of(plan).order_by("path"):
        # Activities an editor added (an adopted practice) are not the demo's own.
        if page.number in TITLES_EN:
            add_english(page, *_activity_english(page))
    return plan
