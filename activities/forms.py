from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from activities.models import validate_school_year

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class ImportPlanForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None, empty_label=None)
    school_year = forms.CharField(
        label=_("School year"),
        max_length=9,
        validators=[validate_school_year],
        help_text=_("For example 2025/2026. The plan is created if it does not exist."),
    )
    file = forms.FileField(
        label=_("Spreadsheet"),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
        help_text=_(
            "A CSV or XLSX file with the header nr, activity, IX, X, XI, XII, I, II, "
            "III, IV, V, VI and an x under each planned month."
        ),
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB; an action plan is much smaller.")
            )
        return upload
