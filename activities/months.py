"""The ten school months (September to June) and the action plan's numbering."""

import re
from dataclasses import dataclass
from functools import total_ordering

from django.utils.dates import MONTHS
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SchoolMonth:
    """One column of the plan: IX is September, the first month of a school year."""

    roman: str
    number: int
    name: Promise
    in_name: Promise

    @property
    def field(self):
        """The ActivityPage boolean that says the activity is planned this month."""
        return f"planned_{self.roman.lower()}"


SCHOOL_MONTHS = (
    SchoolMonth("IX", 9, MONTHS[9], _("in September")),
    SchoolMonth("X", 10, MONTHS[10], _("in October")),
    SchoolMonth("XI", 11, MONTHS[11], _("in November")),
    SchoolMonth("XII", 12, MONTHS[12], _("in December")),
    SchoolMonth("I", 1, MONTHS[1], _("in January")),
    SchoolMonth("II", 2, MONTHS[2], _("in February")),
    SchoolMonth("III", 3, MONTHS[3], _("in March")),
    SchoolMonth("IV", 4, MONTHS[4], _("in April")),
    SchoolMonth("V", 5, MONTHS[5], _("in May")),
    SchoolMonth("VI", 6, MONTHS[6], _("in June")),
)
MONTHS_BY_ROMAN = {month.roman: month for month in SCHOOL_MONTHS}
MONTHS_BY_NUMBER = {month.number: month for month in SCHOOL_MONTHS}
MONTH_CHOICES = [(m.number, f"{m.roman} · {m.name}") for m in SCHOOL_MONTHS]
PLANNED_FIELDS = [month.field for month in SCHOOL_MONTHS]


def school_month_index(number):
    """Position of a calendar month in the school year: September 0 ... June 9."""
    return (number - 9) % 12


# Activity numbers: "4" is an activity, "4.1" its first sub-activity.
NUMBER_PATTERN = re.compile(r"^([1-9]\d{0,2})(?:\.([1-9]\d{0,2}))?$")


def normalise_number(value):
    """'4.1.' and ' 4.1 ' (as typed in plans) become '4.1'; whole floats lose '.0'."""
    text = str(value).strip().rstrip(".")
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text


@total_ordering
@dataclass(frozen=True)
class ActivityNumber:
    major: int
    minor: int = 0

    @classmethod
    def parse(cls, value):
        """The number in `value`, or None when it is not of the form 4 or 4.1."""
        match = NUMBER_PATTERN.match(normalise_number(value))
        if match is None:
            return None
        return cls(int(match.group(1)), int(match.group(2) or 0))

    @property
    def is_sub(self):
        return self.minor > 0

    @property
    def parent(self):
        return ActivityNumber(self.major) if self.is_sub else None

    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)

    def __str__(self):
        return f"{self.major}.{self.minor}" if self.minor else str(self.major)


SCHOOL_YEAR_PATTERN = re.compile(r"^(\d{4})/(\d{4})$")


def parse_school_year(value):
    """'2025/2026' -> 2025, or None unless the second year follows the first."""
    match = SCHOOL_YEAR_PATTERN.match(str(value).strip())
    if match is None or int(match.group(2)) != int(match.group(1)) + 1:
        return None
    return int(match.group(1))


def school_year_of(day):
    """The school year a date falls in: September to August."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{start + 1}"
