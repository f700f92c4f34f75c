"""Demo good-practice stories of the four demo schools, and the hub's library.

LIT's action plan (item 7) adopts good practice from the Ķīmijas apkaimes
pre-school, Saskaņas pamatskola and Liepājas Valsts tehnikums; the stories below
show those practices and LIT's versions of them. The stories, the library and
the adoptions are in `stories/demo_data/stories.yaml`.
"""

from decimal import Decimal

from django.db import transaction
from wagtail.models import Locale

from home.demo_loading import lv, paragraph, publish_child, read_demo_data
from home.models import EcoTheme, HomePage, SchoolPage, SustainableDevelopmentGoal
from partners.models import PartnerPage
from stories.adoption import existing_adoption
from stories.models import (
    GoodPracticeLibraryPage,
    GoodPracticeStoryPage,
    PracticeAudience,
    StoryAdoption,
    StoryIndexPage,
)


def _school(slug):
    return SchoolPage.objects.get(slug=slug, locale=Locale.get_default())


def _story(school_slug, slug):
    index = StoryIndexPage.objects.child_of(_school(school_slug)).get()
    return GoodPracticeStoryPage.objects.child_of(index).get(slug=slug)


def load_library(data):
    hub = HomePage.objects.get(locale=Locale.get_default())
    return publish_child(
        hub,
        GoodPracticeLibraryPage,
        data,
        intro=paragraph(data["intro"]),
    )


def _result(result):
    # Latvian numbers have a decimal comma: "2,4" tonnes.
    value = Decimal(result["value"].replace(",", "."))
    return (
        "result",
        {"value": value, "unit": lv(result["unit"]), "what": lv(result["what"])},
    )


def load_story(data):
    index = StoryIndexPage.objects.child_of(_school(data["school"])).get()
    default = Locale.get_default()
    adopted_from = data.get("adopted_from")
    return publish_child(
        index,
        GoodPracticeStoryPage,
        data,
        intro=lv(data["intro"]),
        theme=EcoTheme.objects.get(slug=data["theme"], locale=default),
        audience=PracticeAudience(data["audience"]),
        problem=paragraph(data["problem"]),
        what_was_done=paragraph(data["what_was_done"]),
        results=[_result(result) for result in data["results"]],
        adopted_from=(
            _story(adopted_from["school"], adopted_from["story"])
            if adopted_from
            else None
        ),
        sdgs=list(
            SustainableDevelopmentGoal.objects.filter(
                number__in=data["sdgs"], locale=default
            )
        ),
        partners=list(
            PartnerPage.objects.filter(
                slug__in=data.get("partners", []), locale=default
            )
        ),
    )


@transaction.atomic
def load():
    data = read_demo_data(__file__, "stories.yaml")
    load_library(data["library"])
    for story in data["stories"]:
        load_story(story)
    for adoption in data["adoptions"]:
        story = adoption["story"]
        load_adoption(
            _story(story["school"], story["slug"]), _school(adoption["school"])
        )


def load_adoption(story, school):
    """The adoption as a record only.

    An adoption in the admin also puts a draft activity into the school's plan;
    the demo does not, because the action plans' demo loader expects LIT's plan
    to hold only the seed's activities when it runs again.
    """
    if existing_adoption(story, school) is None:
        StoryAdoption.objects.create(story=story, school=school)
