"""Planned against done: the month grid of a plan and completion per plan and school.

Completion of a plan is the share of its planned activity-months that are done.
A month marked done counts even when the activity was moved there from another
month, but never more done months than planned ones per activity, so that moving
an activity neither helps nor hurts.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from activities.models import ActionPlanPage, ActivityPage, ActivityProgress
from activities.months import (
    PLANNED_FIELDS,
    SCHOOL_MONTHS,
    school_month_index,
    school_year_of,
)

Status = ActivityProgress.Status
# What a sighted reader sees in a cell; the legend and the hidden text explain it.
MARKS = {
    None: "x",
    Status.PLANNED: "x",
    Status.DONE: "✓",
    Status.MOVED: "→",
    Status.CANCELLED: "✕",
}


@dataclass(frozen=True)
class Completion:
    school_year: str
    planned: int
    done: int
    plan: object = None

    @property
    def percent(self):
        if not self.planned:
            return None
        return round(100 * self.done / self.planned)


@dataclass
class GridCell:
    month: object
    planned: bool
    status: str | None = None

    @property
    def is_marked(self):
        return self.planned or self.status is not None

    @property
    def mark(self):
        return MARKS[self.status] if self.is_marked else ""

    @property
    def css_class(self):
        classes = []
        if self.planned:
            classes.append("is-planned")
        if self.status and self.status != Status.PLANNED:
            classes.append(f"is-{self.status}")
        return " ".join(classes)

    @property
    def label(self):
        """The cell as words, e.g. "planned in October, done"."""
        if not self.is_marked:
            return ""
        in_month = self.month.in_name
        status = Status(self.status).label if self.status else None
        if self.planned or self.status == Status.PLANNED:
            if status and self.status != Status.PLANNED:
                return _("planned %(in_month)s, %(status)s") % {
                    "in_month": in_month,
                    "status": status,
                }
            return _("planned %(in_month)s") % {"in_month": in_month}
        return _("%(status)s %(in_month)s") % {"status": status, "in_month": in_month}


@dataclass
class GridRow:
    activity: ActivityPage
    cells: list
    progress: list = field(default_factory=list)

    @property
    def number(self):
        return self.activity.number

    @property
    def is_sub(self):
        return self.activity.is_sub_activity


@dataclass
class Grid:
    rows: list
    completion: Completion

    @property
    def has_progress(self):
        return any(row.progress for row in self.rows)


def build_grid(plan):
    """The plan's live activities in number order with their progress: two queries."""
    activities = list(plan.activities())
    progress = defaultdict(list)
    for entry in ActivityProgress.objects.filter(activity__in=activities):
        progress[entry.activity_id].append(entry)
    rows = []
    planned_total = done_total = 0
    for activity in activities:
        entries = sorted(
            progress[activity.pk], key=lambda e: school_month_index(e.month)
        )
        status_by_month = {entry.month: entry.status for entry in entries}
        cells = [
            GridCell(
                month=month,
                planned=getattr(activity, month.field),
                status=status_by_month.get(month.number),
            )
            for month in SCHOOL_MONTHS
        ]
        planned = sum(cell.planned for cell in cells)
        done = sum(entry.status == Status.DONE for entry in entries)
        planned_total += planned
        done_total += min(planned, done)
        rows.append(GridRow(activity=activity, cells=cells, progress=entries))
    completion = Completion(plan.school_year, planned_total, done_total, plan)
    return Grid(rows=rows, completion=completion)


def _children_of(pages):
    condition = Q()
    for page in pages:
        condition |= Q(path__startswith=page.path, depth=page.depth + 1)
    return condition


def _descendants_of(pages):
    condition = Q()
    for page in pages:
        condition |= Q(path__startswith=page.path, depth__gt=page.depth)
    return condition


def completion_by_plan(plans):
    """{plan pk: Completion} for many plans in two queries, whatever their size."""
    plans = list(plans)
    result = {plan.pk: Completion(plan.school_year, 0, 0, plan) for plan in plans}
    if not plans:
        return result
    plan_by_path = {plan.path: plan for plan in plans}
    activities = (
        ActivityPage.objects.live()
        .filter(_children_of(plans))
        .values("pk", "path", *PLANNED_FIELDS)
    )
    planned = {}
    plan_of = {}
    for row in activities:
        planned[row["pk"]] = sum(bool(row[name]) for name in PLANNED_FIELDS)
        plan_of[row["pk"]] = plan_by_path[row["path"][: -ActivityPage.steplen]]
    done = dict(
        ActivityProgress.objects.filter(
            activity_id__in=list(planned), status=Status.DONE
        )
        .values_list("activity_id")
        .annotate(count=Count("pk"))
        .values_list("activity_id", "count")
    )
    totals = defaultdict(lambda: [0, 0])
    for pk, planned_months in planned.items():
        plan = plan_of[pk]
        totals[plan.pk][0] += planned_months
        totals[plan.pk][1] += min(planned_months, done.get(pk, 0))
    for plan in plans:
        planned_months, done_months = totals[plan.pk]
        result[plan.pk] = Completion(
            plan.school_year, planned_months, done_months, plan
        )
    return result


def current_school_year(today=None):
    return school_year_of(today or date.today())


def completion_by_school(schools, school_year=None):
    """{school pk: Completion or None}: each school's plan for `school_year`.

    Without a year, each school's latest live plan up to the current school year,
    so that a school that has not yet published this year's plan still shows the
    one it is finishing. Three queries for any number of schools.
    """
    schools = list(schools)
    result = {school.pk: None for school in schools}
    if not schools:
        return result
    plans = ActionPlanPage.objects.live().filter(_descendants_of(schools))
    if school_year:
        plans = plans.filter(school_year=school_year)
    else:
        plans = plans.filter(school_year__lte=current_school_year())
    chosen = {}
    for plan in plans.order_by("school_year"):
        for school in schools:
            if plan.path.startswith(school.path):
                chosen[school.pk] = plan
    completions = completion_by_plan(chosen.values())
    for school_pk, plan in chosen.items():
        result[school_pk] = completions[plan.pk]
    return result
