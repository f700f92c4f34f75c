"""Good-practice stories: what a school did, what came of it, who adopted it."""

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import DocumentLinkBlock
from home.models import (
    PAGE_TRANSLATABLE_FIELDS,
    EcoTheme,
    PortalPage,
    SchoolPage,
    SectionPage,
    SustainableDevelopmentGoal,
    in_default_locale,
    optional_link,
    schools_of,
)
from partners.countries import COUNTRIES
from stories.blocks import GalleryBlock, ResultsBlock

STORIES_PER_PAGE = 12
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class PracticeAudience(models.TextChoices):
    PRESCHOOL = "preschool", _("Pre-school (1–6 years)")
    PRIMARY = "primary", _("Grades 1–6")
    BASIC = "basic", _("Grades 7–9")
    SECONDARY = "secondary", _("Secondary school")
    VOCATIONAL = "vocational", _("Vocational education")
    TEACHERS = "teachers", _("Teachers and staff")
    COMMUNITY = "community", _("Families and the community")
    WHOLE_SCHOOL = "whole_school", _("The whole school")


def paginate(request, queryset, per_page=STORIES_PER_PAGE):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class StoryIndexPage(RoutablePageMixin, SectionPage):
    """A school's good-practice stories, their Atom feed and the public sharing form."""

    accepts_submissions = models.BooleanField(
        _("accept stories from other schools"),
        default=True,
        help_text=_(
            "Shows a public form where partner schools share a story; it arrives as "
            "a draft for your moderators."
        ),
    )

    content_panels = SectionPage.content_panels + [FieldPanel("accepts_submissions")]
    translatable_fields = SectionPage.translatable_fields + [
        SynchronizedField("accepts_submissions")
    ]

    parent_page_types = ["home.SchoolPage"]
    subpage_types = ["stories.GoodPracticeStoryPage"]

    class Meta:
        verbose_name = _("Stories section")
        verbose_name_plural = _("Stories sections")

    def stories(self):
        return (
            GoodPracticeStoryPage.objects.child_of(self)
            .live()
            .public()
            .select_related("theme")
            .order_by("-first_published_at", "-pk")
        )

    @path("")
    def index_route(self, request):
        stories = paginate(request, self.stories())
        stories.object_list = prepare_cards(stories.object_list, self.locale)
        return self.render(
            request,
            context_overrides={
                "stories": stories,
                "adopters": adopting_schools(stories.object_list),
            },
        )

    @path("feed/")
    def feed_route(self, request):
        # stories.feeds imports this module: a circle.
        from stories.feeds import SchoolStoriesFeed

        return SchoolStoriesFeed(self)(request)

    @path("submit/", name="submit")
    def submit_route(self, request):
        # stories.views imports this module: a circle.
        from stories.views import submit_story

        return submit_story(request, self)

    @path("submit/thanks/", name="submit_thanks")
    def submit_thanks_route(self, request):
        if not self.accepts_submissions:
            return redirect(self.get_url(request))
        return TemplateResponse(
            request, "stories/story_submission_thanks.html", {"page": self}
        )

    def feed_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("feed_route")

    def submit_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("submit")


class GoodPracticeStoryPage(PortalPage):
    """What one school did about a problem, and what came of it."""

    intro = models.TextField(
        _("summary"),
        help_text=_("Two or three sentences for the library and the feed."),
    )
    theme = models.ForeignKey(
        EcoTheme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=in_default_locale,
    )
    sdgs = ParentalManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("sustainable development goals"),
        blank=True,
        related_name="+",
        limit_choices_to=in_default_locale,
    )
    audience = models.CharField(
        _("audience or age group"),
        max_length=20,
        choices=PracticeAudience.choices,
        default=PracticeAudience.WHOLE_SCHOOL,
    )
    problem = RichTextField(_("the problem"), features=TEXT_FEATURES)
    what_was_done = RichTextField(_("what was done"), features=TEXT_FEATURES)
    results_text = RichTextField(_("results"), blank=True, features=TEXT_FEATURES)
    results = StreamField(
        ResultsBlock(),
        verbose_name=_("results in numbers"),
        blank=True,
        help_text=_("Where you measured something: a number, a unit and what it is."),
    )
    gallery = StreamField(GalleryBlock(), verbose_name=_("photo gallery"), blank=True)
    materials = StreamField(
        blocks.StreamBlock([("document", DocumentLinkBlock())]),
        verbose_name=_("materials to download"),
        blank=True,
    )
    adopted_from = models.ForeignKey(
        "self",
        verbose_name=_("adopted from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adopted_by",
        help_text=_("The story of the school this practice came from."),
    )
    partners = ParentalManyToManyField(
        "partners.PartnerPage",
        verbose_name=_("partners"),
        blank=True,
        related_name="stories",
        # Each partner once, as its source page; the story shows it .localized.
        limit_choices_to=in_default_locale,
    )
    # Filled in when a school outside the network shares the story.
    submitted_by_school = models.CharField(
        _("shared by (school)"), max_length=200, blank=True
    )
    submitted_by_country = models.CharField(
        _("shared by (country)"), max_length=2, choices=COUNTRIES, blank=True
    )
    submitted_by_name = models.CharField(
        _("shared by (contact person)"), max_length=120, blank=True
    )
    submitted_by_email = models.EmailField(_("contact e-mail"), blank=True)

    content_panels = Page.content_panels + [
        # The practice in short
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("theme"), FieldPanel("audience")]),
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
        # The story
        FieldPanel("problem"),
        FieldPanel("what_was_done"),
        MultiFieldPanel(
            [FieldPanel("results_text"), FieldPanel("results")], heading=_("Results")
        ),
        FieldPanel("gallery"),
        FieldPanel("materials"),
        # Where it comes from and who helped
        FieldPanel("adopted_from"),
        FieldPanel("partners"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("submitted_by_school"),
                        FieldPanel("submitted_by_country"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("submitted_by_name"), FieldPanel("submitted_by_email")]
                ),
            ],
            heading=_("Shared through the public form"),
            classname="collapsed",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("problem"),
        index.SearchField("what_was_done"),
        index.SearchField("results_text"),
        index.FilterField("audience"),
        index.FilterField("theme"),
    ]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("intro"),
        TranslatableField("problem"),
        TranslatableField("what_was_done"),
        TranslatableField("results_text"),
        TranslatableField("results"),
        TranslatableField("gallery"),
        TranslatableField("materials"),
        # Vocabularies and links point at the source-language rows; templates
        # show them through `.localized`.
        SynchronizedField("theme"),
        SynchronizedField("sdgs"),
        SynchronizedField("audience"),
        SynchronizedField("adopted_from"),
        SynchronizedField("partners"),
        SynchronizedField("submitted_by_school"),
        SynchronizedField("submitted_by_country"),
        SynchronizedField("submitted_by_name"),
        SynchronizedField("submitted_by_email"),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Good-practice story")
        verbose_name_plural = _("Good-practice stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["school"] = self.school
        context["theme"] = self.theme.localized if self.theme else None
        context["sdgs"] = [goal.localized for goal in self.sdgs.all()]
        source = self.adopted_from
        context["adopted_from"] = (
            source.localized if source is not None and source.live else None
        )
        context["adopters"] = adopting_schools([self]).get(self.translation_key, [])
        context["partners"] = [
            partner.localized for partner in self.partners.live().public()
        ]
        context["can_adopt"] = self.user_can_adopt(request.user)
        return context

    def user_can_adopt(self, user):
        """Whether `user` edits a school, other than this one, that may adopt it."""
        if not user.is_authenticated:
            return False
        # stories.adoption imports this module: a circle.
        from stories.adoption import schools_user_can_adopt_for

        return bool(schools_user_can_adopt_for(user, self))


class StoryAdoption(models.Model):
    """A school took over another school's practice into its own action plan."""

    story = models.ForeignKey(
        GoodPracticeStoryPage,
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    school = models.ForeignKey(
        SchoolPage,
        verbose_name=_("adopting school"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    activity = optional_link(
        "wagtailcore.Page",
        _("activity in the action plan"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adopted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("adopted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("adoption of a practice")
        verbose_name_plural = _("adoptions of practices")
        constraints = [
            models.UniqueConstraint(
                fields=["story", "school"], name="stories_adoption_once_per_school"
            )
        ]

    def __str__(self):
        return f"{self.school} ← {self.story}"


def localized_schools(schools, locale=None):
    """The given schools in the active language where a translation is live."""
    locale = locale or Locale.get_active()
    keys = {school.translation_key for school in schools}
    translated = {
        school.translation_key: school
        for school in SchoolPage.objects.live().filter(
            translation_key__in=keys, locale=locale
        )
    }
    return [translated.get(school.translation_key, school) for school in schools]


def prepare_cards(stories, locale=None):
    """Give each story `card_school` and `card_theme` in the active language.

    A fixed number of queries for a page of stories, whatever their number.
    Returns the stories as a list.
    """
    stories = list(stories)
    locale = locale or Locale.get_active()
    by_story = schools_of(stories)
    schools = [school for school in by_story.values() if school is not None]
    shown = {
        school.pk: localized
        for school, localized in zip(
            schools, localized_schools(schools, locale), strict=True
        )
    }
    theme_keys = {story.theme.translation_key for story in stories if story.theme}
    themes = {
        theme.translation_key: theme
        for theme in EcoTheme.objects.filter(
            translation_key__in=theme_keys, locale=locale
        )
    }
    for story in stories:
        school = by_story.get(story.pk)
        story.card_school = shown.get(school.pk) if school else None
        story.card_theme = (
            themes.get(story.theme.translation_key, story.theme)
            if story.theme
            else None
        )
    return stories


def adopting_schools(stories):
    """Map story translation_key → the schools that adopted the practice.

    A school adopts either by writing its own story with "adopted from" or by
    copying the practice into its action plan (StoryAdoption). A fixed number of
    queries for any number of stories, in the active language.
    """
    keys = {story.translation_key for story in stories}
    if not keys:
        return {}
    pairs = []  # (source translation_key, school)
    adopting_stories = list(
        GoodPracticeStoryPage.objects.live()
        .filter(adopted_from__translation_key__in=keys)
        .annotate(source_key=models.F("adopted_from__translation_key"))
        .only("pk", "path", "translation_key")
    )
    story_schools = schools_of(adopting_stories)
    for story in adopting_stories:
        if story_schools[story.pk] is not None:
            pairs.append((story.source_key, story_schools[story.pk]))
    for adoption in StoryAdoption.objects.filter(
        story__translation_key__in=keys
    ).select_related("school", "story"):
        pairs.append((adoption.story.translation_key, adoption.school))

    unique = {}
    for key, school in pairs:
        unique.setdefault(key, {}).setdefault(school.translation_key, school)
    everyone = [school for schools in unique.values() for school in schools.values()]
    shown = {school.translation_key: school for school in localized_schools(everyone)}
    return {
        key: sorted(
            (shown[school_key] for school_key in schools), key=lambda s: s.title
        )
        for key, schools in unique.items()
    }


class GoodPracticeLibraryPage(RoutablePageMixin, SectionPage):
    """The hub's library of every school's good practice, with filters."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Good-practice library")
        verbose_name_plural = _("Good-practice libraries")

    @path("")
    def index_route(self, request):
        # stories.library imports this module: a circle.
        from stories.library import LibraryFilters

        filters = LibraryFilters(request.GET, locale=self.locale)
        stories = paginate(request, filters.stories())
        stories.object_list = prepare_cards(stories.object_list, self.locale)
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                "stories": stories,
                "adopters": adopting_schools(stories.object_list),
            },
        )

    @path("feed/")
    def feed_route(self, request):
        # stories.feeds imports this module: a circle.
        from stories.feeds import NetworkStoriesFeed

        return NetworkStoriesFeed(self)(request)

    def feed_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("feed_route")


def live_stories_in(language_code=None):
    """Live public stories in one language, or, without one, in the active language
    with the original of every story not translated into it yet."""
    stories = GoodPracticeStoryPage.objects.live().public()
    if language_code:
        return stories.filter(locale__language_code=language_code)
    current = translation.get_language() or settings.LANGUAGE_CODE
    in_current = GoodPracticeStoryPage.objects.live().filter(
        locale__language_code=current
    )
    return stories.filter(
        Q(locale__language_code=current)
        | ~Q(translation_key__in=in_current.values("translation_key"))
    )
