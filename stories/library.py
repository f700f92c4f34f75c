"""Filters of the good-practice library: a GET form, so that every view has a URL."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home import caching
from home.models import EcoTheme, SchoolPage, SustainableDevelopmentGoal
from stories.models import PracticeAudience, live_stories_in


def filter_options(locale):
    """The themes, goals and schools to filter by, as (value, label) pairs.

    Four queries on every view of the library, so kept per content generation.
    """
    themes = EcoTheme.objects.filter(locale=locale).order_by("name")
    goals = SustainableDevelopmentGoal.objects.filter(locale=locale)
    default = Locale.get_default()
    schools = {
        school.translation_key: school
        for school in SchoolPage.objects.live().filter(locale=default)
    }
    names = {
        school.translation_key: school.title
        for school in SchoolPage.objects.live().filter(locale=locale)
    }
    return {
        "theme": [(theme.slug, theme.name) for theme in themes],
        "sdg": [(goal.number, str(goal)) for goal in goals.order_by("number")],
        "school": sorted(
            (
                (school.slug, names.get(key, school.title))
                for key, school in schools.items()
            ),
            key=lambda choice: choice[1],
        ),
    }


class LibraryFilters(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    sdg = forms.TypedChoiceField(
        label=_("Sustainable development goal"), required=False, coerce=int
    )
    school = forms.ChoiceField(label=_("School"), required=False)
    audience = forms.ChoiceField(
        label=_("Audience or age group"),
        required=False,
        choices=[("", _("All"))] + list(PracticeAudience.choices),
    )
    language = forms.ChoiceField(
        label=_("Language of the story"),
        required=False,
        choices=[("", _("Current language, or the original"))]
        + list(settings.LANGUAGES),
    )

    def __init__(self, data, locale=None):
        # Unknown values are ignored rather than refused: a filter link that has
        # gone stale still shows the library.
        super().__init__(data)
        locale = locale or Locale.get_active()
        self.locale = locale
        options = caching.cached_listing(
            "library-filters", [locale.pk], lambda: filter_options(locale)
        )
        self.fields["theme"].choices = [("", _("All"))] + options["theme"]
        self.fields["sdg"].choices = [("", _("All"))] + options["sdg"]
        self.fields["school"].choices = [("", _("All"))] + options["school"]
        self.data = {
            name: self.data.get(name)
            for name, field in self.fields.items()
            if self.data.get(name) and field.valid_value(self.data.get(name))
        }

    @property
    def active(self):
        return any(self.cleaned_data.values())

    def stories(self):
        values = self.cleaned_data if self.is_valid() else {}
        stories = live_stories_in(values.get("language"))
        if values.get("theme"):
            stories = stories.filter(theme__slug=values["theme"])
        if values.get("sdg"):
            stories = stories.filter(sdgs__number=int(values["sdg"]))
        if values.get("audience"):
            stories = stories.filter(audience=values["audience"])
        if values.get("school"):
            roots = SchoolPage.objects.filter(
                translation_key__in=SchoolPage.objects.filter(
                    slug=values["school"], locale=Locale.get_default()
                ).values("translation_key")
            )
            within = Q(pk__in=[])
            for school in roots:
                within |= Q(path__startswith=school.path)
            stories = stories.filter(within)
        return (
            stories.select_related("theme", "locale")
            .distinct()
            .order_by("-first_published_at", "-pk")
        )
