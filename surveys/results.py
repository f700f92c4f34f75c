"""Aggregates of a survey: counts, percentages and averages per question and group.

The database does the counting (GROUP BY over SurveyAnswer rows). Published
results hide every figure built from fewer answers than the survey's threshold:
a group with too few respondents disappears from the whole page, and a group
that answered one question too rarely (an optional question, say) disappears
from that question, with its count, shares, average and chart bar. Totals count
only what is shown, so a hidden figure cannot be worked out by subtracting the
shown ones from a total. The same rule applies to cross-tabulations and to last
year's figures beside this year's.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from surveys.models import (
    CHOICE_TYPES,
    QuestionType,
    RespondentGroup,
    SurveyAnswer,
    SurveyResponse,
)

HIDDEN_NOTE = _(
    "Groups with fewer than %(threshold)s respondents are not shown and not "
    "counted, so that no one can be recognised."
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
    """A column of a results table.

    An audience group, or in a cross-tabulation one answer to the question the
    results are split by; `key` is the audience's or the option's value.
    """

    key: str
    label: str
    respondents: int
    hidden: bool

    @property
    def audience(self):
        return self.key


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
    threshold: int = 0
    shown: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    answered: dict = field(default_factory=dict)
    averages: dict = field(default_factory=dict)
    total_answered: int = 0
    total_average: float | None = None
    texts: list = field(default_factory=list)
    previous_year: str | None = None
    previous_answered: int = 0
    previous_average: float | None = None
    split_by: object = None

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
        """The columns shown for this question, in order."""
        return [group for group in self.groups if group.key in self.shown]

    @property
    def suppressed_groups(self):
        """Columns left out of this question only, for too few answers."""
        return [
            group
            for group in self.groups
            if not group.hidden and group.key not in self.shown
        ]

    @property
    def hidden_note(self):
        return HIDDEN_NOTE % {"threshold": self.threshold}

    @property
    def columns(self):
        """(group, respondents who answered) for each group shown, in order."""
        return [(g, self.answered.get(g.key, 0)) for g in self.visible_groups]

    @property
    def average_list(self):
        return [self.averages.get(g.key) for g in self.visible_groups]

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


@dataclass
class Tally:
    """Raw counts of one question per column, before anything is hidden."""

    answered: dict = field(default_factory=dict)
    choices: dict = field(default_factory=lambda: defaultdict(int))
    sums: dict = field(default_factory=dict)


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
            key=value,
            label=str(label),
            respondents=counts[value],
            hidden=public and counts[value] < survey.min_group_size,
        )
        for value, label in RespondentGroup.choices
        if counts.get(value)
    ]


def _answers(survey):
    return SurveyAnswer.objects.filter(response__survey_key=survey.translation_key)


def _tallies(answers, column):
    """{question key: Tally} of answers, counted per value of `column`."""
    tallies = defaultdict(Tally)
    for key, value, choice, n in (
        answers.exclude(choice="")
        .order_by()
        .values("question_key", column, "choice")
        .annotate(n=Count("pk"))
        .values_list("question_key", column, "choice", "n")
    ):
        tallies[key].choices[value, choice] = n
    for key, value, n, total in (
        answers.order_by()
        .values("question_key", column)
        .annotate(n=Count("response", distinct=True), total=Sum("number"))
        .values_list("question_key", column, "n", "total")
    ):
        tallies[key].answered[value] = n
        tallies[key].sums[value] = total or 0
    return tallies


def _shown_columns(groups, tally, *, threshold, public, complementary=False):
    """Keys of the columns whose figures may be published.

    With `complementary`, used where the columns together make up a total
    published elsewhere (a cross-tabulation of a question whose total the
    results page shows), more columns are hidden until the hidden ones add up
    to none or to at least the threshold, so that no hidden column can be
    worked out as the difference.
    """
    candidates = [group.key for group in groups if not group.hidden]
    if not public:
        return candidates
    shown = [key for key in candidates if tally.answered.get(key, 0) >= threshold]
    if complementary:
        total = sum(tally.answered.get(key, 0) for key in candidates)
        while shown:
            residual = total - sum(tally.answered[key] for key in shown)
            if not 0 < residual < threshold:
                break
            smallest = min(shown, key=lambda key: tally.answered[key])
            shown.remove(smallest)
    return shown


def _question_result(question, groups, tally, *, threshold, public, **options):
    shown = _shown_columns(groups, tally, threshold=threshold, public=public, **options)
    result = QuestionResult(
        question=question, groups=groups, threshold=threshold, shown=shown
    )
    result.answered = {key: tally.answered.get(key, 0) for key in shown}
    result.total_answered = sum(result.answered.values())
    if question.field_type in CHOICE_TYPES:
        for value, label in question.options:
            cells = {
                key: Cell(tally.choices[key, value], result.answered[key])
                for key in shown
            }
            total = Cell(
                sum(cell.count for cell in cells.values()), result.total_answered
            )
            result.rows.append(OptionRow(value, str(label), cells, total))
    if question.field_type == QuestionType.SCALE:
        for key in shown:
            if result.answered[key]:
                result.averages[key] = round(tally.sums[key] / result.answered[key], 2)
        if result.total_answered:
            total_sum = sum(tally.sums.get(key, 0) for key in shown)
            result.total_average = round(total_sum / result.total_answered, 2)
    return result


def survey_results(survey, *, public, with_previous=True):
    """All questions' aggregates; `public` applies the threshold and hides free text."""
    groups = _groups(survey, public)
    threshold = survey.min_group_size
    audiences = [group.key for group in groups if not group.hidden]
    answers = _answers(survey).filter(response__audience__in=audiences)
    tallies = _tallies(answers, "response__audience")

    previous = survey.previous_survey() if with_previous else None
    previous_results = (
        survey_results(previous, public=public, with_previous=False)
        if previous
        else None
    )

    questions = []
    for question in survey.get_form_fields():
        key = question.question_key
        result = _question_result(
            question, groups, tallies[key], threshold=threshold, public=public
        )
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
        threshold=threshold,
        previous_survey=previous if previous_results else None,
    )


def cross_tabulation(survey, key, by_key, *, public):
    """One question's answers split by the answer to another question.

    The columns are the options of question `by_key`. Published, it counts only
    the respondents the results page counts for question `key` (the groups shown
    for it), hides every column answered by fewer than the threshold, and more
    columns where needed so that none can be recovered from that page's total.
    Returns None when either question is missing or `by_key` has no options.
    """
    fields = {field.question_key: field for field in survey.get_form_fields()}
    question, by = fields.get(key), fields.get(by_key)
    if question is None or by is None or by.field_type not in CHOICE_TYPES:
        return None
    if key == by_key:
        return None
    results = survey_results(survey, public=public, with_previous=False)
    population = [group.key for group in results.question(key).visible_groups]
    answers = _answers(survey).filter(
        response__audience__in=population,
        question_key=key,
        response__answers__question_key=by_key,
        response__answers__choice__gt="",
    )
    tally = _tallies(answers, "response__answers__choice")[key]
    columns = [
        Group(
            key=value,
            label=str(label),
            respondents=tally.answered.get(value, 0),
            hidden=False,
        )
        for value, label in by.options
    ]
    result = _question_result(
        question,
        columns,
        tally,
        threshold=survey.min_group_size,
        public=public,
        complementary=True,
    )
    result.split_by = by
    return result


def _compare(result, previous_results):
    """Attach last year's totals where the same question (and type) was asked.

    Last year's results were built under the same rule, so their totals count
    only the figures published for last year.
    """
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
    return str(dict(RespondentGroup.choices).get(value, value))
