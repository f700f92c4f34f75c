import datetime

from django import template
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.translation import gettext as _

from events.ical import subscriptions
from events.models import EventPage, NetworkCalendarPage, prefetch_listing_facts
from home.timezones import RIGA

register = template.Library()


def when(start, end, all_day):
    start = timezone.localtime(start, RIGA)
    end = timezone.localtime(end, RIGA)
    # Named formats (home/formats/): each language writes its dates one way.
    if all_day:
        if start.date() == end.date():
            return format_date(start, "DATE_FORMAT")
        first = format_date(start, "MONTH_DAY_FORMAT")
        return f"{first} – {format_date(end, 'DATE_FORMAT')}"
    if start.date() == end.date():
        first = format_date(start, "DATETIME_FORMAT")
        return f"{first}–{format_date(end, 'TIME_FORMAT')}"
    first = format_date(start, "DATETIME_FORMAT")
    return f"{first} – {format_date(end, 'DATETIME_FORMAT')}"


@register.simple_tag
def event_when(event):
    """The event's dates and times in Latvian time, in the page's language."""
    return when(event.start, event.end, event.all_day)


@register.simple_tag
def mail_when(event):
    """The same, for the ISO dates of a mail's stored context."""
    start = datetime.datetime.fromisoformat(event["start"])
    end = datetime.datetime.fromisoformat(event["end"])
    return when(start, end, event["all_day"])


@register.filter
def iso_datetime(value):
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return _("unknown")


@register.inclusion_tag("events/_calendar_subscribe.html", takes_context=True)
def calendar_subscriptions(context, listing):
    """The listing's calendar feeds, each with a webcal:// link and its address."""
    request = context.get("request")
    return {"feeds": subscriptions(listing, request), "request": request}


@register.simple_tag
def upcoming_events(hub, count=4):
    """The next events anywhere under the hub, with their listing facts."""
    return prefetch_listing_facts(
        EventPage.objects.live()
        .public()
        .descendant_of(hub)
        .filter(start__gte=timezone.now())
        .order_by("start")[:count]
    )


@register.simple_tag
def network_calendar(hub):
    return hub.get_children().live().type(NetworkCalendarPage).first()


@register.simple_tag
def events_of_activity(activity):
    """The live events that serve an action-plan activity, in its language:
    (upcoming, soonest first; past, latest first)."""
    events = (
        EventPage.objects.live()
        .public()
        .filter(
            locale=activity.locale,
            activity_page__translation_key=activity.translation_key,
        )
    )
    now = timezone.now()
    return (
        list(events.filter(end__gte=now).order_by("start")),
        list(events.filter(end__lt=now).order_by("-start")),
    )
