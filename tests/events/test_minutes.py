"""Minutes of an eco-council meeting set the next meeting, which appears as a draft."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from events.models import EventIndexPage, EventPage
from tests.factories import EventPageFactory, section

pytestmark = pytest.mark.django_db

MEETING_START = datetime.datetime(2025, 9, 18, 14, 0, tzinfo=datetime.UTC)
NEXT_START = datetime.datetime(2025, 11, 13, 14, 0, tzinfo=datetime.UTC)


@pytest.fixture
def meeting(school):
    return EventPageFactory(
        parent=section(school, EventIndexPage),
        title="Ekopadomes sēde",
        event_type="eco_council",
        audience="students",
        start=MEETING_START,
        end=MEETING_START + datetime.timedelta(hours=1, minutes=30),
        registration_enabled=False,
    )


def held(meeting, next_start):
    meeting.minutes = "<p>Nolēma mērīt ūdens patēriņu katru nedēļu.</p>"
    meeting.next_meeting_start = next_start
    meeting.save_revision().publish()


def test_publishing_minutes_creates_the_next_meeting_as_a_draft(meeting):
    held(meeting, NEXT_START)

    following = EventPage.objects.sibling_of(meeting, inclusive=False).get()
    assert not following.live
    assert (following.title, following.event_type) == ("Ekopadomes sēde", "eco_council")
    assert following.start == NEXT_START
    assert following.end - following.start == datetime.timedelta(hours=1, minutes=30)
    assert following.location_name == meeting.location_name
    assert following.slug == "ekopadomes-sede-13112025"


def test_publishing_the_minutes_again_makes_no_second_meeting(meeting):
    held(meeting, NEXT_START)
    held(meeting, NEXT_START)

    assert EventPage.objects.sibling_of(meeting, inclusive=False).count() == 1


def test_next_meeting_before_this_one_is_refused(meeting):
    meeting.next_meeting_start = MEETING_START - datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        meeting.full_clean()

    with translation.override("lv"):
        assert [str(m) for m in error.value.message_dict["next_meeting_start"]] == [
            "Nākamajai sēdei jābūt pēc šīs."
        ]
    assert not EventPage.objects.sibling_of(meeting, inclusive=False).exists()


def test_only_an_eco_council_meeting_sets_a_next_meeting(school):
    workshop = EventPageFactory(parent=section(school, EventIndexPage))
    workshop.next_meeting_start = workshop.start + datetime.timedelta(days=30)

    with pytest.raises(ValidationError) as error:
        workshop.full_clean()

    with translation.override("lv"):
        assert [str(m) for m in error.value.message_dict["next_meeting_start"]] == [
            "Nākamo sēdi nosaka tikai ekopadomes sēde."
        ]
