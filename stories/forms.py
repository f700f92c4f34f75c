"""The public form through which a school outside the network shares a story."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.forms import PublicForm
from home.models import EcoTheme
from partners.countries import COUNTRIES
from stories.models import PracticeAudience
from stories.uploads import DOCUMENT_TYPES, validate_document, validate_image

PHOTO_SLOTS = 3
MATERIAL_SLOTS = 2


class StorySubmissionForm(PublicForm):
    # Who shares the story
    school_name = forms.CharField(label=_("Your school"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES, initial="LV")
    contact_name = forms.CharField(label=_("Your name"), max_length=120)
    contact_email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("Only the school's moderators see it, to ask you questions."),
    )
    # The practice
    title = forms.CharField(label=_("Title of the story"), max_length=200)
    intro = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences."),
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    # No audience is chosen in advance, so that a hasty sender does not file the
    # first one by mistake.
    audience = forms.ChoiceField(
        label=_("Audience or age group"),
        choices=[("", _("Choose the audience")), *PracticeAudience.choices],
    )
    problem = forms.CharField(
        label=_("The problem"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    what_was_done = forms.CharField(
        label=_("What you did"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    results = forms.CharField(
        label=_("Results"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "With numbers where you have them, e.g. 1200 litres of water saved "
            "per month."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I may share these texts and photos, and the people in the photos "
            "(or their parents) agree to their publication."
        )
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        locale = locale or Locale.get_active()
        self.fields["theme"].choices = [("", _("Choose a theme"))] + [
            (theme.slug, theme.name)
            for theme in EcoTheme.objects.filter(locale=locale).order_by("name")
        ]
        for number in range(1, PHOTO_SLOTS + 1):
            self.fields[f"photo_{number}"] = forms.FileField(
                label=_("Photo %(number)s") % {"number": number},
                required=False,
                widget=forms.FileInput(
                    attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
                ),
            )
            self.fields[f"photo_{number}_alt"] = forms.CharField(
                label=_("What photo %(number)s shows") % {"number": number},
                required=False,
                max_length=250,
                help_text=_("A sentence for people who cannot see the photo."),
            )
        for number in range(1, MATERIAL_SLOTS + 1):
            self.fields[f"material_{number}"] = forms.FileField(
                label=_("Material %(number)s") % {"number": number},
                required=False,
                help_text=_("Worksheets, a presentation or a report: %(types)s.")
                % {"types": ", ".join(kind.upper() for kind in DOCUMENT_TYPES)},
                widget=forms.FileInput(
                    attrs={"accept": ",".join(f".{kind}" for kind in DOCUMENT_TYPES)}
                ),
            )
        self.photo_fields = [
            (self[f"photo_{n}"], self[f"photo_{n}_alt"])
            for n in range(1, PHOTO_SLOTS + 1)
        ]
        self.material_fields = [
            self[f"material_{n}"] for n in range(1, MATERIAL_SLOTS + 1)
        ]

    def _clean_upload(self, name, validate):
        upload = self.files.get(name)
        if upload is None:
            return None
        try:
            validate(upload)
        except forms.ValidationError as error:
            self.add_error(name, error)
            return None
        return upload

    def clean(self):
        cleaned = super().clean()
        photos = []
        for number in range(1, PHOTO_SLOTS + 1):
            upload = self._clean_upload(f"photo_{number}", validate_image)
            alt_text = (cleaned.get(f"photo_{number}_alt") or "").strip()
            if upload is not None and not alt_text:
                self.add_error(
                    f"photo_{number}_alt",
                    _(
                        "Describe what the photo shows: people who cannot see it "
                        "will hear this text."
                    ),
                )
            elif upload is not None:
                photos.append((upload, alt_text))
        cleaned["photos"] = photos
        cleaned["materials"] = [
            upload
            for number in range(1, MATERIAL_SLOTS + 1)
            if (upload := self._clean_upload(f"material_{number}", validate_document))
        ]
        return cleaned
