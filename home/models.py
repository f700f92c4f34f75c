from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock

PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
]


class PortalPage(Page):
    """Base of every page type: sitemap entries carry their translations."""

    class Meta:
        abstract = True

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
        "events.NetworkCalendarPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Network home page")
        verbose_name_plural = _("Network home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["schools"] = (
            SchoolPage.objects.child_of(self).live().public().order_by("title")
        )
        return context


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
    subpage_types = ["home.ContentPage", "events.EventIndexPage"]

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


# Settings ---------------------------------------------------------------------

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hex digits, e.g. #1f6f43.")
)


@register_setting(icon="home")
class SchoolSettings(BaseSiteSetting):
    """Presentation and contacts of the school that a Site serves."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
