"""A large generated network for the benchmark and the query-count tests.

Schools are made with home.schools.create_school, as an administrator would.
Their events and stories come in bulk: treebeard adds pages one at a time with
several queries each, which would take hours for tens of thousands of pages, so
the rows are written directly with the paths treebeard would have given them,
and the search index is filled in batches afterwards.
"""

import datetime
import logging
import random
import uuid
from dataclasses import dataclass, fields

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends

from events.models import EventIndexPage, EventPage, Registration
from events.models.pages import EventAudience, EventType
from home.models import EcoTheme, HomePage, SchoolPage, SustainableDevelopmentGoal
from home.schools import create_school
from stories.models import GoodPracticeStoryPage, PracticeAudience, StoryIndexPage

logger = logging.getLogger(__name__)

TOWNS = [
    "Rīga",
    "Daugavpils",
    "Liepāja",
    "Jelgava",
    "Jūrmala",
    "Ventspils",
    "Rēzekne",
    "Valmiera",
    "Jēkabpils",
    "Ogre",
    "Tukums",
    "Cēsis",
    "Sigulda",
    "Kuldīga",
    "Talsi",
    "Bauska",
    "Madona",
    "Gulbene",
    "Alūksne",
    "Krāslava",
]
EVENT_TITLES = [
    ("Ūdens taupīšanas darbnīca", "Water saving workshop"),
    ("Ekopadomes sanāksme", "Eco-council meeting"),
    ("Upes krastu sakopšanas talka", "River bank clean-up"),
    ("Lekcija par notekūdeņiem", "Lecture on waste water"),
    ("Ekskursija uz ūdens attīrīšanas staciju", "Visit to a water treatment plant"),
    ("Radošā darbnīca viesiem", "Creative workshop for guests"),
    ("Pasaules ūdens diena", "World Water Day"),
    ("Erasmus+ projekta tikšanās", "Erasmus+ project meeting"),
]
STORY_TITLES = [
    ("Lietus ūdens mucas skolas dārzā", "Rain barrels in the school garden"),
    ("Dzeramā ūdens krāni gaiteņos", "Drinking water taps in the corridors"),
    ("Skolēnu ūdens patēriņa dienasgrāmata", "Students' water use diary"),
    ("Ezera monitorings kopā ar pašvaldību", "Lake monitoring with the municipality"),
    ("Atkārtoti lietojamas pudeles visiem", "Refillable bottles for everyone"),
]
PARAGRAPH_LV = (
    "Skolēni mērīja ūdens patēriņu, salīdzināja rezultātus un kopā ar skolotājiem "
    "izstrādāja ieteikumus, kā taupīt ūdeni skolā un mājās."
)
PARAGRAPH_EN = (
    "Students measured water use, compared the results and, with their teachers, "
    "wrote advice on saving water at school and at home."
)


@dataclass(frozen=True)
class NetworkSize:
    """How much content to generate; `scaled` gives the same shape at a fraction."""

    schools: int = 200
    events: int = 20_000
    stories: int = 5_000
    registrations: int = 200_000

    def scaled(self, fraction):
        return NetworkSize(
            **{
                field.name: max(1, round(getattr(self, field.name) * fraction))
                for field in fields(self)
            }
        )


@dataclass
class GeneratedNetwork:
    schools: list
    events: int = 0
    stories: int = 0
    registrations: int = 0


def _base_row(page):
    """The wagtailcore_page row of a specific page built in memory."""
    return Page(
        **{
            field.attname: getattr(page, field.attname)
            for field in Page._meta.concrete_fields
            if not field.primary_key
        }
    )


def add_children(parent, pages):
    """Insert `pages` (unsaved specific pages of one type) under `parent` in bulk.

    Each page gets the tree path, depth and URL path treebeard and Wagtail would
    give it; the parent's child count is updated once at the end.
    """
    if not pages:
        return []
    last = parent.get_children().order_by("-path").first()
    step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    for offset, page in enumerate(pages):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step + offset)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.first_published_at
        page.latest_revision_created_at = page.first_published_at
    rows = Page.objects.bulk_create([_base_row(page) for page in pages])
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.page_ptr_id = row.pk
        page.id = row.pk
        # raw: the parent row exists already; no signals reach the search index.
        page.save_base(raw=True)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    parent.numchild += len(pages)
    return pages


def index_pages(model, pages):
    """Add pages to every search backend in one batch per backend."""
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, pages)


def _spread(total, parts):
    """`total` split into `parts` whole numbers that differ by one at most."""
    base, extra = divmod(total, parts)
    return [base + (1 if part < extra else 0) for part in range(parts)]


class NetworkGenerator:
    def __init__(self, size, *, seed=2025):
        self.size = size
        self.random = random.Random(seed)  # noqa: S311 (made-up content, not secrets)
        self.now = timezone.now().replace(minute=0, second=0, microsecond=0)
        self.default = Locale.get_default()
        self.english = Locale.objects.get(language_code="en")
        self.themes = list(EcoTheme.objects.filter(locale=self.default))
        self.goals = list(
            SustainableDevelopmentGoal.objects.filter(locale=self.default)
        )

    def run(self):
        if not HomePage.objects.filter(locale=self.default).exists():
            raise RuntimeError("The network home page is missing: run load_demo first.")
        schools = self.create_schools()
        result = GeneratedNetwork(schools=schools)
        event_counts = _spread(self.size.events, len(schools))
        story_counts = _spread(self.size.stories, len(schools))
        registrable = []
        for school, events, stories in zip(
            schools, event_counts, story_counts, strict=True
        ):
            with transaction.atomic():
                registrable += self.create_events(school, events)
                self.create_stories(school, stories)
            result.events += events
            result.stories += stories
        result.registrations = self.create_registrations(registrable)
        return result

    # Schools -------------------------------------------------------------------

    def create_schools(self):
        taken = SchoolPage.objects.filter(
            locale=self.default, slug__startswith="ekoskola-"
        ).count()
        schools = []
        # Wagtail logs each page it creates: hundreds of schools would drown the output.
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        wagtail_log.setLevel(logging.WARNING)
        try:
            for number in range(taken + 1, taken + self.size.schools + 1):
                town = TOWNS[number % len(TOWNS)]
                schools.append(
                    create_school(
                        f"{town} ekoskola Nr. {number}",
                        f"ekoskola-{number:03d}",
                        city=town,
                    )
                )
        finally:
            wagtail_log.setLevel(level)
        return schools

    def _sections(self, school, model):
        page = model.objects.child_of(school).get()
        translation = page.get_translation(self.english)
        return page, translation

    # Events --------------------------------------------------------------------

    def create_events(self, school, count):
        """`count` events in Latvian and English, from three years back to next year.

        Returns the Latvian ones that take registrations.
        """
        pairs = []
        types = list(EventType.values)
        for number in range(count):
            title_lv, title_en = self.random.choice(EVENT_TITLES)
            start = self.now + datetime.timedelta(
                days=self.random.randint(-3 * 365, 365), hours=self.random.randint(0, 8)
            )
            event_type = types[number % len(types)]
            workshop = event_type.startswith("workshop")
            common = {
                "event_type": event_type,
                "audience": EventAudience.EVERYONE,
                "start": start,
                "end": start + datetime.timedelta(hours=2),
                "location_address": f"Skolas iela {number % 40 + 1}, {school.city}",
                "organiser_name": "Ekopadome",
                "organiser_email": f"ekopadome@{school.slug}.example",
                "registration_enabled": workshop,
                "capacity": 40 if workshop else None,
                "first_published_at": min(start, self.now),
            }
            lv = {
                "title": f"{title_lv} {number + 1}",
                "slug": f"pasakums-{number + 1:05d}",
                "intro": PARAGRAPH_LV,
                "location_name": "Skolas aktu zāle",
            }
            en = {
                "title": f"{title_en} {number + 1}",
                "slug": f"event-{number + 1:05d}",
                "intro": PARAGRAPH_EN,
                "location_name": "School hall",
            }
            pairs.append(self._pair(EventPage, common, lv, en))
        pages = self._publish(school, EventIndexPage, pairs, "themes", self.themes)
        return [page for page in pages if page.registration_enabled]

    def create_registrations(self, events):
        """Registrations over the registrable events, never more seats than exist."""
        total = self.size.registrations
        if not events or not total:
            return 0
        rows = []
        for event, count in zip(events, _spread(total, len(events)), strict=True):
            for number in range(count):
                confirmed = number < event.capacity
                rows.append(
                    Registration(
                        event_id=event.pk,
                        status=(
                            Registration.Status.CONFIRMED
                            if confirmed
                            else Registration.Status.WAITLISTED
                        ),
                        name=f"Dalībnieks {number + 1}",
                        email=f"dalibnieks{number + 1}.{event.pk}@example.lv",
                        organisation="Ekoskola",
                        language=self.random.choice(["lv", "lv", "en"]),
                        consent_at=self.now,
                        created_at=event.first_published_at,
                    )
                )
        Registration.objects.bulk_create(rows, batch_size=5000)
        return len(rows)

    # Stories -------------------------------------------------------------------

    def create_stories(self, school, count):
        pairs = []
        audiences = list(PracticeAudience.values)
        for number in range(count):
            title_lv, title_en = self.random.choice(STORY_TITLES)
            common = {
                "theme": self.random.choice(self.themes) if self.themes else None,
                "audience": audiences[number % len(audiences)],
                "first_published_at": self.now
                - datetime.timedelta(days=self.random.randint(0, 5 * 365)),
            }
            lv = {
                "title": f"{title_lv} ({school.city}, {number + 1})",
                "slug": f"stasts-{number + 1:05d}",
                "intro": PARAGRAPH_LV,
                "problem": f"<p>{PARAGRAPH_LV}</p>",
                "what_was_done": f"<p>{PARAGRAPH_LV}</p>",
            }
            en = {
                "title": f"{title_en} ({school.city}, {number + 1})",
                "slug": f"story-{number + 1:05d}",
                "intro": PARAGRAPH_EN,
                "problem": f"<p>{PARAGRAPH_EN}</p>",
                "what_was_done": f"<p>{PARAGRAPH_EN}</p>",
            }
            pairs.append(self._pair(GoodPracticeStoryPage, common, lv, en))
        self._publish(school, StoryIndexPage, pairs, "sdgs", self.goals)

    # Both languages ------------------------------------------------------------

    @staticmethod
    def _pair(model, common, latvian, english):
        """A Latvian page and its English translation: one translation key."""
        key = uuid.uuid4()
        return (
            model(translation_key=key, **common, **latvian),
            model(translation_key=key, **common, **english),
        )

    def _publish(self, school, section, pairs, tags, vocabulary):
        """Add the page pairs under the school's section in both languages, tag each
        with one term of `vocabulary` through the many-to-many field `tags`, and
        index them. Returns the Latvian pages."""
        index_lv, index_en = self._sections(school, section)
        pages_lv = [latvian for latvian, _ in pairs]
        pages_en = [english for _, english in pairs]
        add_children(index_lv, pages_lv)
        add_children(index_en, pages_en)
        if pairs and vocabulary:
            model = type(pages_lv[0])
            field = model._meta.get_field(tags)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.bulk_create(
                through(
                    **{
                        f"{source}_id": page.pk,
                        f"{target}_id": self.random.choice(vocabulary).pk,
                    }
                )
                for page in pages_lv + pages_en
            )
        for pages in (pages_lv, pages_en):
            if pages:
                index_pages(type(pages[0]), pages)
        return pages_lv


def generate_network(size, *, seed=2025):
    """Add `size` worth of schools, events, stories and registrations to the network."""
    if settings.DEBUG:
        logger.warning("DEBUG is on: every query is kept in memory while generating.")
    return NetworkGenerator(size, seed=seed).run()
