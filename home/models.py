from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.blocks import StreamValue
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock


def in_default_locale():
    """`limit_choices_to` for choosers of the shared vocabularies: one row per term."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
]


def optional_link(to, verbose_name, **options):
    """An optional link to an image, a document or a page: emptied, never
    cascaded, when its target is deleted, and with no reverse accessor."""
    defaults = {"null": True, "blank": True, "related_name": "+"}
    return models.ForeignKey(
        to, verbose_name=verbose_name, on_delete=models.SET_NULL, **defaults | options
    )


# The tree is root → network home page → school, in every language.
SCHOOL_DEPTH = 3


def schools_of(pages):
    """Map page pk → the SchoolPage it belongs to (None on the hub), in one query."""
    prefixes = {page.path[: Page.steplen * SCHOOL_DEPTH] for page in pages}
    by_path = {
        school.path: school for school in SchoolPage.objects.filter(path__in=prefixes)
    }
    return {
        page.pk: by_path.get(page.path[: Page.steplen * SCHOOL_DEPTH]) for page in pages
    }


def sources_in_active_language(pages):
    """The live public pages of `pages` in the default language, once each, by
    title, each shown in the active language where it is translated."""
    sources = (
        pages.live()
        .public()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .distinct()
        .order_by("title")
    )
    return [page.localized for page in sources]


class PortalPage(Page):
    """Base of every page type: sitemap entries carry their translations."""

    class Meta:
        abstract = True

    @cached_property
    def school(self):
        """The school whose site holds this page: the page itself for a school's
        home page, None on the hub and for a page not yet placed in the tree."""
        if not self.path:
            return None
        return schools_of([self])[self.pk]

    def in_language(self, language_code=None):
        """This page in a language (the default one unless named), or the page
        itself where that translation does not exist."""
        language_code = language_code or settings.LANGUAGE_CODE
        if self.locale.language_code == language_code:
            return self
        translations = self.get_translations().filter(
            locale__language_code=language_code
        )
        if language_code != settings.LANGUAGE_CODE:
            # The default language is every translation's source, published or not;
            # visitors and mails get another language only once it is published.
            translations = translations.live()
        return translations.specific().first() or self

    def search_snippet_text(self):
        """Plain text a search result quotes from: the page's searchable fields."""
        parts = [self.search_description]
        for search_field in self.search_fields:
            name = search_field.field_name
            if not isinstance(search_field, index.SearchField) or name in {
                "title",
                "search_description",
            }:
                continue
            value = getattr(self, name, None)
            if isinstance(value, StreamValue):
                parts += value.stream_block.get_searchable_content(value)
            elif isinstance(value, str):
                parts.append(value)
        return " ".join(str(part) for part in parts if part)

    def search_result_date(self):
        """The date a search result shows; events override it with their start."""
        return self.last_published_at

    def get_sitemap_urls(self, request=None):
        entries = super().get_sitemap_urls(request)
        alternates = [
            {
                "lang_code": page.locale.language_code,
                "location": page.get_full_url(request),
            }
            for page in self.get_translations(inclusive=True)
            .live()
            .public()
            .select_related("locale")
        ]
        if len(alternates) > 1:
            for entry in entries:
                entry["alternates"] = alternates
        return entries


# Shared vocabularies ----------------------------------------------------------


@register_snippet
class EcoTheme(TranslatableMixin, index.Indexed, models.Model):
    """A yearly theme of the Eco-Schools programme (water, waste, energy...)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in filter links, e.g. water.")
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Eco-Schools theme")
        verbose_name_plural = _("Eco-Schools themes")
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class SustainableDevelopmentGoal(TranslatableMixin, models.Model):
    """One of the 17 UN Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    name = models.CharField(_("name"), max_length=120)

    panels = [FieldPanel("number"), FieldPanel("name")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("number")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


# Pages ------------------------------------------------------------------------


class SectionPage(PortalPage):
    """A section of a school or of the hub: an introduction above its pages.

    Each section type says where it may stand and what it holds; one of each per
    parent. Fields of its own are added after the introduction.
    """

    intro = RichTextField(
        verbose_name=_("Introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [TranslatableField("intro")]

    max_count_per_parent = 1

    class Meta:
        abstract = True


class HomePage(PortalPage):
    """The network hub: the eco-schools programme's front page."""

    intro = RichTextField(
        verbose_name=_("Introduction"),
        blank=True,
        features=["bold", "italic", "link"],
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("intro"),
        TranslatableField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.SchoolPage",
        "home.ContentPage",
        "home.AccessibilityStatementPage",
        "home.PrivacyNoticePage",
        "stories.GoodPracticeLibraryPage",
        "events.NetworkCalendarPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Network home page")
        verbose_name_plural = _("Network home pages")

    def get_context(self, request, *args, **kwargs):
        # Each area lists its own content on the hub through its template tags
        # (events_tags, stories_tags, activities_tags), inside {% listingcache %}:
        # served from the cache, the lists run no query at all.
        context = super().get_context(request, *args, **kwargs)
        context["schools"] = SimpleLazyObject(self.member_schools)
        return context

    def member_schools(self):
        return list(SchoolPage.objects.child_of(self).live().public().order_by("title"))


class SchoolPage(PortalPage):
    """One eco-school: the root of its own subtree, and of its own Site if it has one.

    The facts the hub lists for every member (city, Green Flag status) live here,
    as content; presentation and contacts live in SchoolSettings, per Site.
    """

    class EcoStatus(models.TextChoices):
        MEMBER = "member", _("Programme member")
        BRONZE = "bronze", _("Bronze certificate")
        SILVER = "silver", _("Silver certificate")
        GREEN_FLAG = "green_flag", _("Green Flag")

    short_name = models.CharField(
        _("short name"), max_length=30, blank=True, help_text=_("For example LIT.")
    )
    city = models.CharField(_("city or municipality"), max_length=100)
    eco_status = models.CharField(
        _("eco-school status"),
        max_length=20,
        choices=EcoStatus.choices,
        default=EcoStatus.MEMBER,
    )
    green_flag_year = models.PositiveSmallIntegerField(
        _("Green Flag year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1994), MaxValueValidator(2100)],
        help_text=_("The year of the school's latest Green Flag award."),
    )
    member_since = models.PositiveSmallIntegerField(
        _("member since"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1994), MaxValueValidator(2100)],
    )
    intro = RichTextField(
        verbose_name=_("Introduction"), blank=True, features=["bold", "italic", "link"]
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("city")]),
        MultiFieldPanel(
            [
                FieldPanel("eco_status"),
                FieldRowPanel(
                    [FieldPanel("green_flag_year"), FieldPanel("member_since")]
                ),
            ],
            heading=_("Eco-Schools programme"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Location on the network map"),
        ),
        HelpPanel(
            _(
                "Logo, contacts, address and social links are set per site under "
                "Settings → School settings, once the school has its own site."
            )
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("city"),
        index.FilterField("city"),
    ]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("intro"),
        TranslatableField("body"),
        SynchronizedField("short_name"),
        SynchronizedField("city"),
        SynchronizedField("eco_status"),
        SynchronizedField("green_flag_year"),
        SynchronizedField("member_since"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "home.ContentPage",
        "home.AccessibilityStatementPage",
        "activities.ActionPlanIndexPage",
        "events.EventIndexPage",
        "partners.PartnerIndexPage",
        "stories.StoryIndexPage",
        "surveys.ReportIndexPage",
    ]

    class Meta:
        verbose_name = _("School")
        verbose_name_plural = _("Schools")

    @cached_property
    def site_settings(self):
        """The SchoolSettings of this school's own Site, or None without one."""
        site = Site.objects.filter(root_page__translation_key=self.translation_key)
        site = site.first()
        return SchoolSettings.for_site(site) if site else None

    @property
    def status_label(self):
        if self.eco_status == self.EcoStatus.GREEN_FLAG and self.green_flag_year:
            return _("Green Flag %(year)s") % {"year": self.green_flag_year}
        return self.get_eco_status_display()


class ContentPage(PortalPage):
    """A plain page: about the school, the eco-code, contacts."""

    intro = models.TextField(_("Introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("intro"),
        TranslatableField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.SchoolPage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("Content page")
        verbose_name_plural = _("Content pages")


class AccessibilityStatementPage(PortalPage):
    """A site's accessibility statement, in the structure of the Latvian model.

    Public bodies publish one per website (EU Web Accessibility Directive,
    EN 301 549); each school's site and the hub have their own.
    """

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("a self-assessment")
        THIRD_PARTY = "third_party", _("an assessment by a third party")

    organisation = models.CharField(_("organisation"), max_length=200)
    compliance = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    standard = models.CharField(
        _("standard"), max_length=200, default="EN 301 549 V3.2.1 (WCAG 2.1 AA)"
    )
    non_accessible_content = RichTextField(
        _("content that is not accessible"),
        blank=True,
        features=["bold", "link", "ul", "ol"],
        help_text=_("What is not accessible, and why (not compliant, exempt...)."),
    )
    alternatives = RichTextField(
        _("accessible alternatives"),
        blank=True,
        features=["bold", "link", "ul", "ol"],
        help_text=_("How a visitor can get that content in an accessible form."),
    )
    method = models.CharField(
        _("assessment method"),
        max_length=20,
        choices=Method.choices,
        default=Method.SELF,
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    contact_name = models.CharField(_("responsible person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("feedback e-mail"))
    contact_phone = models.CharField(_("feedback phone"), max_length=40, blank=True)
    enforcement = RichTextField(
        _("enforcement procedure"),
        blank=True,
        features=["bold", "link"],
        help_text=_(
            "Where a visitor can turn if the answer to their feedback does not "
            "satisfy them."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("organisation"),
        MultiFieldPanel(
            [FieldPanel("compliance"), FieldPanel("standard")], _("Compliance")
        ),
        FieldPanel("non_accessible_content"),
        FieldPanel("alternatives"),
        MultiFieldPanel(
            [
                FieldPanel("method"),
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
            ],
            _("Preparation of this statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel(
                    [FieldPanel("contact_email"), FieldPanel("contact_phone")]
                ),
            ],
            _("Feedback and contacts"),
        ),
        FieldPanel("enforcement"),
    ]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("organisation"),
        TranslatableField("non_accessible_content"),
        TranslatableField("alternatives"),
        TranslatableField("enforcement"),
        SynchronizedField("compliance"),
        SynchronizedField("standard"),
        SynchronizedField("method"),
        SynchronizedField("prepared_on"),
        SynchronizedField("reviewed_on"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
        SynchronizedField("contact_phone"),
    ]

    parent_page_types = ["home.HomePage", "home.SchoolPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Accessibility statement")
        verbose_name_plural = _("Accessibility statements")


class PrivacyNoticePage(PortalPage):
    """What the portal keeps about people, why, and for how long.

    The retention periods come from the settings the clean-up tasks use, so the
    notice cannot drift from what the portal really does.
    """

    intro = RichTextField(_("Introduction"), blank=True, features=["bold", "link"])
    controller = models.CharField(
        _("data controller"),
        max_length=300,
        help_text=_("Who is responsible for the data, with a contact address."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("controller"),
        FieldPanel("body"),
    ]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("intro"),
        TranslatableField("controller"),
        TranslatableField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Privacy notice")
        verbose_name_plural = _("Privacy notices")


# Settings ---------------------------------------------------------------------

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hex digits, e.g. #1f6f43.")
)


@register_setting(icon="home")
class SchoolSettings(BaseSiteSetting):
    """Presentation and contacts of the school that a Site serves."""

    logo = optional_link(
        "wagtailimages.Image",
        _("logo"),
    )
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        blank=True,
        validators=[hex_colour],
        help_text=_("Header colour; choose a dark one so white text stays readable."),
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    website = models.URLField(_("school website"), blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("brand_colour")], _("Look")),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("address")],
            _("Contacts"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("facebook"),
                FieldPanel("instagram"),
                FieldPanel("youtube"),
            ],
            _("Links"),
        ),
    ]

    class Meta:
        verbose_name = _("School settings")

    @property
    def social_links(self):
        names = {"website": _("Website"), "facebook": "Facebook"}
        names |= {"instagram": "Instagram", "youtube": "YouTube"}
        return [(names[key], getattr(self, key)) for key in names if getattr(self, key)]
