"""Factories for the portal's pages: the hub, member schools and what they publish.

Tests build what they need with these, not with the demo (home/demo.py): a change
to the demo's content then changes no test but the demo's own.
"""

import datetime
from contextlib import contextmanager

import factory
import wagtail_factories
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from activities.models import ActionPlanIndexPage, ActionPlanPage
from events.models import EventIndexPage, EventPage
from home.models import EcoTheme, HomePage, SchoolPage
from home.schools import create_school
from home.translation import ensure_translation
from partners.models import PartnerIndexPage, PartnerPage
from stories.models import GoodPracticeStoryPage, StoryIndexPage
from surveys.models import ReportIndexPage, ReportPage, SurveyField, SurveyPage

HUB_TITLE = "Ekoskolu tīkls"
HUB_INTRO = "<p>Latvijas ekoskolas dalās ar saviem rīcības plāniem.</p>"
HUB_STRINGS_EN = {
    HUB_TITLE: "Eco-Schools network",
    "Latvijas ekoskolas dalās ar saviem rīcības plāniem.": (
        "Latvian eco-schools share their action plans."
    ),
}
# The hub's address as `make run` serves it.
HUB_HOST, HUB_PORT = "localhost", 8000


@contextmanager
def committed(using=DEFAULT_DB_ALIAS):
    """Run the on-commit callbacks of what happens inside, as a commit would.

    wagtail-localize publishes a translation when the transaction commits, and
    a test's transaction never does. The callbacks run (once: they are taken off
    the list) at the end of the block; in a transactional test they already ran.
    """
    pending = connections[using].run_on_commit
    start = len(pending)
    yield
    while len(pending) > start:
        _savepoints, callback, _robust = pending.pop(start)
        callback()


def the_hub():
    """The network's home page, made on first use."""
    return HomePage.objects.filter(locale=Locale.get_default()).first() or HubFactory()


def section(school, model):
    """One of the standard sections create_school gives every school."""
    return model.objects.child_of(school).get()


class HubFactory(wagtail_factories.PageFactory):
    """The network's home page in Latvian and English, the default site's root."""

    title = HUB_TITLE
    slug = "ekoskolas"
    intro = HUB_INTRO
    locale = factory.LazyFunction(Locale.get_default)
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with committed():
            hub = super()._create(model_class, *args, **kwargs)
            hub.save_revision().publish()
            site = Site.objects.filter(is_default_site=True).first()
            site = site or Site(is_default_site=True)
            site.hostname, site.port, site.root_page = HUB_HOST, HUB_PORT, hub
            site.site_name = "Ekoskolu portāls"
            site.save()
            # Wagtail's welcome page (a plain Page) would sit beside the hub.
            for page in hub.get_parent().get_children().exact_type(Page):
                page.delete()
            ensure_translation(hub, "en", HUB_STRINGS_EN)
        return HomePage.objects.get(pk=hub.pk)


class SchoolFactory(wagtail_factories.PageFactory):
    """A member school as `create_school` sets one up for the network.

    Its page in Latvian and English with every section, its own site on
    `hostname` (None: no site, the school lives under the hub's address), its
    collection, editors' and moderators' groups and moderation workflow.
    """

    title = factory.Sequence(lambda n: f"Skola {n}")
    slug = factory.LazyAttribute(lambda school: slugify(school.title))
    city = "Daugavpils"
    hostname = factory.LazyAttribute(lambda school: f"{school.slug}.localhost")
    parent = factory.LazyFunction(the_hub)

    class Meta:
        model = SchoolPage

    @classmethod
    def _build(cls, model_class, *args, hostname=None, **kwargs):
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, parent, title, slug, hostname, **fields):
        # `parent` has made sure the hub exists; create_school puts schools under it.
        with committed():
            return create_school(title, slug, hostname=hostname, **fields)


class PortalPageFactory(wagtail_factories.PageFactory):
    """A page added under `parent` and published, as an editor would publish it.

    `live=False` leaves it a draft that was never published.
    """

    live = True

    class Meta:
        abstract = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("parent")
        return cls.new_page(model_class, kwargs)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        page = cls.new_page(model_class, kwargs)
        parent.add_child(instance=page)
        if page.live:
            with committed():
                page.save_revision().publish()
        return model_class.objects.get(pk=page.pk)

    @classmethod
    def new_page(cls, model_class, kwargs):
        """The unsaved page, with what is saved with it (its inline rows)."""
        return model_class(**kwargs)


def in_section(model):
    """The `parent` of a page that lives in a school's `model` section."""
    return factory.LazyFunction(lambda: section(SchoolFactory(), model))


class EventPageFactory(PortalPageFactory):
    """A workshop with open registration, ten days from now."""

    title = "Radošā darbnīca viesiem"
    parent = in_section(EventIndexPage)
    event_type = "workshop_guests"
    audience = "guests"
    start = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    )
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    location_name = "LIT aktu zāle"
    location_address = "Varšavas iela 24, Daugavpils"
    registration_enabled = True
    capacity = 20
    max_participants = 5
    organiser_email = "organiser@lit.example"

    class Meta:
        model = EventPage


class ActionPlanPageFactory(PortalPageFactory):
    title = "Rīcības plāns"
    parent = in_section(ActionPlanIndexPage)
    school_year = "2025/2026"

    class Meta:
        model = ActionPlanPage


class GoodPracticeStoryPageFactory(PortalPageFactory):
    """A published story on the water theme; `sdgs` takes goal objects."""

    title = "Lietus ūdens dārzam"
    parent = in_section(StoryIndexPage)
    intro = factory.LazyAttribute(lambda story: f"{story.title}: īsumā.")
    problem = "<p>Problēma.</p>"
    what_was_done = "<p>Ko darījām.</p>"
    theme = factory.LazyFunction(
        lambda: EcoTheme.objects.get(slug="water", locale=Locale.get_default())
    )
    sdgs = ()

    class Meta:
        model = GoodPracticeStoryPage


class PartnerPageFactory(PortalPageFactory):
    title = 'SIA "Rīgas ūdens"'
    parent = in_section(PartnerIndexPage)
    kind = PartnerPage.Kind.COMPANY

    class Meta:
        model = PartnerPage


# The questions of an environmental review: key, kind, label, choices.
REVIEW_QUESTIONS = [
    ("dripping_taps", "yes_no", "Vai redzējāt pilošu krānu?", ""),
    (
        "drinking_water",
        "single_choice",
        "Ko dzerat tehnikumā?",
        "Krāna ūdeni\nPirktu ūdeni\nSaldinātus dzērienus",
    ),
    (
        "rainwater_use",
        "multiple_choice",
        "Kur izmantot lietus ūdeni?",
        "Laistīšanai\nTualetēm\nNekur",
    ),
    ("tap_water_trust", "scale", "Cik uzticaties krāna ūdenim?", ""),
    ("ideas", "free_text", "Jūsu ieteikumi", ""),
]


class SurveyPageFactory(PortalPageFactory):
    """An open survey with `questions` (key, kind, label, choices); free text is
    the only optional kind."""

    school_year = "2025/2026"
    title = factory.LazyAttribute(
        lambda survey: f"Vides novērtējuma aptauja {survey.school_year}"
    )
    slug = "aptauja-2025"
    parent = in_section(ReportIndexPage)
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=30)
    )
    invitation_only = False
    questions = REVIEW_QUESTIONS

    class Meta:
        model = SurveyPage

    @classmethod
    def new_page(cls, model_class, kwargs):
        questions = kwargs.pop("questions")
        survey = model_class(**kwargs)
        for number, (key, kind, label, choices) in enumerate(questions):
            survey.form_fields.add(
                SurveyField(
                    sort_order=number,
                    question_key=key,
                    field_type=kind,
                    label=label,
                    choices=choices,
                    required=kind != "free_text",
                )
            )
        return survey


class ReportPageFactory(PortalPageFactory):
    title = "Vides pārskats 2025"
    parent = in_section(ReportIndexPage)

    class Meta:
        model = ReportPage
