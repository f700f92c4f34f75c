"""Aggregates of a survey: counts, percentages and averages per question and group.

The database does the counting (GROUP BY over SurveyAnswer rows). Published
results leave out every group with fewer respondents than the survey's threshold,
and their totals count only the groups shown, so a hidden group cannot be worked
out by subtracting the shown ones from the total.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from surveys.models import (
    CHOICE_TYPES,
    Audience,
    QuestionType,
    SurveyAnswer,
    SurveyResponse,
)


@dataclass
class Cell:
    count: int
    base: int

    @property
    def percent(self):
        return round(100 * self.count / self.base, 1) if self.base else None


@dataclass
class Group:
    audience: str
    label: str
    respondents: int
    hidden: bool


@dataclass
class OptionRow:
    value: str
    label: str
    cells: dict
    total: Cell
    previous: Cell | None = None

    @property
    def cell_list(self):
        return list(self.cells.values())


@dataclass
class QuestionResult:
    question: object
    groups: list
    rows: list = field(default_factory=list)
    answered: dict = field(default_factory=dict)
    averages: dict = field(default_factory=dict)
    total_answered: int = 0
    total_average: float | None = None
    texts: list = field(default_factory=list)
    previous_year: str | None = None
    previous_answered: int = 0
    previous_average: float | None = None

    @property
    def key(self):
        return self.question.question_key

    @property
    def label(self):
        return self.question.label

    @property
    def kind(self):
        return self.question.field_type

    @property
    def is_choice(self):
        return self.kind in CHOICE_TYPES

    @property
    def is_scale(self):
        return self.kind == QuestionType.SCALE

    @property
    def is_free_text(self):
        return self.kind == QuestionType.FREE_TEXT

    @property
    def visible_groups(self):
        return [group for group in self.groups if not group.hidden]

    @property
    def columns(self):
        """(group, respondents who answered) for each group shown, in order."""
        return [(g, self.answered.get(g.audience, 0)) for g in self.visible_groups]

    @property
    def average_list(self):
        return [self.averages.get(g.audience) for g in self.visible_groups]

    @property
    def has_previous(self):
        return self.previous_year is not None


@dataclass
class SurveyResults:
    survey: object
    public: bool
    groups: list
    questions: list
    threshold: int
    previous_survey: object = None

    @property
    def visible_groups(self):
        return [group for group in self.groups if not group.hidden]

    @property
    def hidden_groups(self):
        return [group for group in self.groups if group.hidden]

    @property
    def respondents(self):
        return sum(group.respondents for group in self.visible_groups)

    def question(self, key):
        return next((q for q in self.questions if q.key == key), None)


def _groups(survey, public):
    counts = dict(
        SurveyResponse.objects.filter(survey_key=survey.translation_key)
        .order_by()
        .values("audience")
        .annotate(n=Count("pk"))
        .values_list("audience", "n")
    )
    return [
        Group(
            audience=value,
            label=str(label),
            respondents=counts[value],
            hidden=public and counts[value] < survey.min_group_size,
        )
        for value, label in Audience.choices
        if counts.get(value)
    ]


def _answers(survey):
    return SurveyAnswer.objects.filter(response__survey_key=survey.translation_key)


def survey_results(survey, *, public, with_previous=True):
    """All questions' aggregates; `public` applies the threshold and hides free text."""
    groups = _groups(survey, public)
    shown = [group.audience for group in groups if not group.hidden]
    answers = _answers(survey).filter(response__audience__in=shown)

    choice_counts = defaultdict(int)
    for key, audience, choice, n in (
        answers.exclude(choice="")
        .order_by()
        .values("question_key", "response__audience", "choice")
        .annotate(n=Count("pk"))
        .values_list("question_key", "response__audience", "choice", "n")
    ):
        choice_counts[key, audience, choice] = n
    answered, sums = {}, {}
    for key, audience, n, total in (
        answers.order_by()
        .values("question_key", "response__audience")
        .annotate(n=Count("response", distinct=True), total=Sum("number"))
        .values_list("question_key", "response__audience", "n", "total")
    ):
        answered[key, audience] = n
        sums[key, audience] = total

    previous = survey.previous_survey() if with_previous else None
    previous_results = (
        survey_results(previous, public=public, with_previous=False)
        if previous
        else None
    )

    questions = []
    for question in survey.get_form_fields():
        key = question.question_key
        result = QuestionResult(question=question, groups=groups)
        result.answered = {a: answered.get((key, a), 0) for a in shown}
        result.total_answered = sum(result.answered.values())
        if question.field_type in CHOICE_TYPES:
            for value, label in question.options:
                cells = {
                    a: Cell(choice_counts[key, a, value], result.answered[a])
                    for a in shown
                }
                total = Cell(
                    sum(cell.count for cell in cells.values()), result.total_answered
                )
                result.rows.append(OptionRow(value, str(label), cells, total))
        if question.field_type == QuestionType.SCALE:
            for a in shown:
                if result.answered[a]:
                    result.averages[a] = round(sums[key, a] / result.answered[a], 2)
            if result.total_answered:
                total_sum = sum(sums.get((key, a)) or 0 for a in shown)
                result.total_average = round(total_sum / result.total_answered, 2)
        if question.field_type == QuestionType.FREE_TEXT and not public:
            result.texts = [
                (audience_label(audience), text)
                for audience, text in answers.filter(question_key=key)
                .exclude(text="")
                .order_by("response__submit_time", "pk")
                .values_list("response__audience", "text")
            ]
        if previous_results is not None:
            _compare(result, previous_results)
        questions.append(result)

    return SurveyResults(
        survey=survey,
        public=public,
        groups=groups,
        questions=questions,
        threshold=survey.min_group_size,
        previous_survey=previous if previous_results else None,
    )


def _compare(result, previous_results):
    """Attach last year's totals where the same question (and type) was asked."""
    before = previous_results.question(result.key)
    if before is None or before.kind != result.kind or not before.total_answered:
        return
    result.previous_year = previous_results.survey.school_year
    result.previous_answered = before.total_answered
    result.previous_average = before.total_average
    totals = {row.value: row.total for row in before.rows}
    for row in result.rows:
        row.previous = totals.get(row.value)


def audience_label(value):
    return str(dict(Audience.choices).get(value, value))


HIDDEN_NOTE = _(
    "Groups with fewer than %(threshold)s respondents are not shown and not "
    "counted, so that no one can be recognised."
)
