"""Demo events: LIT's 2025/2026 eco action plan on the calendar, and one workshop
that is always open for registration.

The events, the environmental days and the network calendar are in
`events/demo_data/events.yaml`; the dates follow the plan's months. Running the
loader again changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from activities.models import ActionPlanPage, ActivityPage
from events.models import (
    DayAdoption,
    EnvironmentalDay,
    EventIndexPage,
    EventPage,
    NetworkCalendarPage,
)
from home.demo_loading import add_english, lv, paragraph, publish_child, read_demo_data
from home.models import SchoolPage
from home.schools import get_hub, recount_children
from home.timezones import RIGA

# An environmental day without a time of its own fills the working day.
DAY_EVENT_HOURS = 8


def ensure_days(days_data):
    days = {}
    for data in days_data:
        day = EnvironmentalDay.objects.filter(
            slug=data["slug"], locale=Locale.get_default()
        ).first()
        if day is None:
            day = EnvironmentalDay.objects.create(
                slug=data["slug"],
                name=lv(data["name"]),
                description=lv(data["description"]),
                month=data["month"],
                link=data["link"],
                locale=Locale.get_default(),
                **data["when"],
            )
        add_english(day, data)
        days[data["slug"]] = (day, data)
    return days


def _organiser(data):
    organiser = data["organiser"]
    return {
        "organiser_name": organiser["name"],
        "organiser_email": organiser["email"],
        "organiser_phone": organiser["phone"],
    }


def _place(place):
    return {"location_name": lv(place["name"]), "location_address": place["address"]}


def _registration(registration, start):
    """Registration fields; the others in the data (capacity...) are model fields."""
    fields = dict(registration, registration_enabled=True)
    days_before = fields.pop("closes_days_before", None)
    if days_before is not None:
        closes_at = start - datetime.timedelta(days=days_before)
        fields["registration_closes_at"] = closes_at
    return fields


def _times(starts, hours):
    """Start, end and all-day of an event; a date without a time is all day."""
    if isinstance(starts, datetime.datetime):
        start = starts.replace(tzinfo=RIGA)
        return start, start + datetime.timedelta(hours=hours), False
    start = datetime.datetime.combine(starts, datetime.time(), tzinfo=RIGA)
    return start, start + datetime.timedelta(hours=max(hours, 1)), True


def _publish_event(index, data, organiser, **fields):
    return publish_child(
        index,
        EventPage,
        data,
        event_type=data["type"],
        audience=data["audience"],
        intro=lv(data["intro"]),
        **_place(data["place"]),
        **organiser,
        **fields,
    )


def plan_activities(school, school_year):
    """{number: activity} of the school's action plan for the year, as the plan's
    own pages in the default language."""
    year = f"{school_year['starts'].year}/{school_year['ends'].year}"
    plan = ActionPlanPage.objects.descendant_of(school).get(
        locale=Locale.get_default(), school_year=year
    )
    return {
        activity.number: activity for activity in ActivityPage.objects.child_of(plan)
    }


def load_plan_events(index, data):
    organiser = _organiser(data)
    activities = plan_activities(index.get_parent(), data["school_year"])
    for event in data["plan_events"]:
        start, end, all_day = _times(event["starts"], event["hours"])
        fields = {"start": start, "end": end, "all_day": all_day}
        fields["activity_page"] = activities.get(event["plan_item"])
        if "registration" in event:
            fields |= _registration(event["registration"], start)
        if event["type"] == "eco_council":
            fields["minutes"] = paragraph(data["eco_council_minutes"])
        _publish_event(index, event, organiser, **fields)


def load_day_events(index, data, days):
    """LIT's events on the environmental days of the school year, in its hall."""
    school = index.get_parent().specific
    year_starts, year_ends = data["school_year"]["starts"], data["school_year"]["ends"]
    for year in range(year_starts.year, year_ends.year + 1):
        for slug, (day, day_data) in days.items():
            date = day.date_in(year)
            if not (year_starts <= date <= year_ends):
                continue
            clock = day_data.get("event_time")
            time = datetime.time.fromisoformat(clock) if clock else datetime.time()
            start = datetime.datetime.combine(date, time, tzinfo=RIGA)
            hours = 1 if clock else DAY_EVENT_HOURS
            # The day's description stays Latvian in the English event.
            event = publish_child(
                index,
                EventPage,
                {
                    "slug": {
                        "lv": f"{slug}-{year}",
                        "en": slugify(day_data["name"]["en"])[:80],
                    },
                    "title": day_data["name"],
                },
                event_type="environmental_day",
                audience="everyone",
                start=start,
                end=start + datetime.timedelta(hours=hours),
                all_day=clock is None,
                intro=day.description,
                **_place(data["day_events_place"]),
                **_organiser(data),
            )
            DayAdoption.objects.get_or_create(
                day=day, school=school, year=year, defaults={"event": event}
            )


def load_open_workshop(index, data):
    workshop = data["open_workshop"]
    existing = EventPage.objects.child_of(index).filter(slug=lv(workshop["slug"]))
    if existing.exists():
        return existing.get()
    # Relative to today, so that registration is always open: about three weeks
    # ahead, on a Wednesday.
    day = timezone.localdate() + datetime.timedelta(days=21)
    day += datetime.timedelta(days=(2 - day.weekday()) % 7)
    time = datetime.time.fromisoformat(workshop["time"])
    start = datetime.datetime.combine(day, time, tzinfo=RIGA)
    return _publish_event(
        index,
        workshop,
        _organiser(data),
        start=start,
        end=start + datetime.timedelta(hours=workshop["hours"]),
        **_registration(workshop["registration"], start),
    )


def load_calendar(data):
    return publish_child(
        get_hub(),
        NetworkCalendarPage,
        data,
        intro=paragraph(data["intro"]),
    )


def load():
    data = read_demo_data(__file__, "events.yaml")
    with transaction.atomic():
        days = ensure_days(data["environmental_days"])
        load_calendar(data["calendar"])
    school = SchoolPage.objects.get(slug=data["school"], locale=Locale.get_default())
    index = EventIndexPage.objects.child_of(school).get()
    with transaction.atomic():
        load_plan_events(index, data)
        load_day_events(index, data, days)
    with transaction.atomic():
        load_open_workshop(index, data)
    # Translations publish on commit from revisions older than their new children.
    parents = [*get_hub().get_translations(inclusive=True)]
    parents += [*index.get_translations(inclusive=True)]
    transaction.on_commit(lambda: recount_children([page.pk for page in parents]))
