"""Dates read one way per language (home/formats/): English day-month-year with
the 24-hour clock, never "Dec. 23, 2026, 3 p.m." or "12/23/2026"."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from events.templatetags.events_tags import when
from home.timezones import RIGA

MOMENT = datetime.datetime(2026, 12, 23, 15, 0, tzinfo=RIGA)
TEMPLATE = Template(
    "{{ moment }}|{{ moment|date:'DATE_FORMAT' }}|{{ moment|date:'SHORT_DATE_FORMAT' }}"
    "|{{ moment|date:'DATETIME_FORMAT' }}|{{ moment|date:'SHORT_DATETIME_FORMAT' }}"
)


def render(language):
    with translation.override(language):
        return TEMPLATE.render(Context({"moment": MOMENT})).split("|")


def test_english_dates_have_one_shape():
    plain, date, short_date, datetime_, short_datetime = render("en")

    assert date == short_date == "23 December 2026"
    assert plain == datetime_ == short_datetime == "23 December 2026, 15:00"


def test_latvian_dates_are_as_the_standard_writes_them():
    _plain, date, short_date, datetime_, _short = render("lv")

    assert date == "2026. gada 23. decembris"
    assert datetime_ == "2026. gada 23. decembris, 15:00"
    assert short_date == "23.12.2026"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "23 December 2026, 15:00–17:00"),
        ("lv", "2026. gada 23. decembris, 15:00–17:00"),
    ],
)
def test_an_events_time_uses_the_named_formats(language, expected):
    with translation.override(language):
        text = when(MOMENT, MOMENT.replace(hour=17), all_day=False)

    assert text == expected
