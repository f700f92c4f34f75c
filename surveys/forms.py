"""The respondent's form (built from the survey's questions) and the upload form."""

import csv
import io
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from surveys.models import AUDIENCE_FIELD, QuestionType, RespondentGroup

FREE_TEXT_MAX_LENGTH = 2000
MAX_ADDRESSES = 2000
MAX_UPLOAD_BYTES = 512 * 1024


class DescribedFieldsMixin:
    """Ties each input to its help text and error message (aria-describedby).

    Choice questions are described on their fieldset in the template instead.
    """

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            if isinstance(
                field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}-help"] if field.help_text else []
            if name in self.errors:
                ids.append(f"{bound.auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


class SurveyForm(DescribedFieldsMixin, BaseForm):
    """The respondent's form; `question_names` tells questions from built-in fields."""

    question_names: set = set()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text and not isinstance(
                field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"


class SurveyFormBuilder(FormBuilder):
    """Builds the respondent's form: optional audience and name, then the questions."""

    def __init__(self, fields, with_audience=True, with_name=False):
        super().__init__(fields)
        self.with_audience = with_audience
        self.with_name = with_name

    def get_field_options(self, field):
        return {
            "label": field.label,
            "help_text": conditional_escape(field.help_text),
            "required": field.required,
            "error_messages": {"required": _("Please answer this question.")},
        }

    def create_single_choice_field(self, field, options):
        return forms.ChoiceField(
            choices=field.options, widget=forms.RadioSelect, **options
        )

    def create_multiple_choice_field(self, field, options):
        return forms.MultipleChoiceField(
            choices=field.options, widget=forms.CheckboxSelectMultiple, **options
        )

    def create_scale_field(self, field, options):
        return forms.TypedChoiceField(
            choices=field.options, coerce=int, widget=forms.RadioSelect, **options
        )

    def create_yes_no_field(self, field, options):
        return forms.ChoiceField(
            choices=field.options, widget=forms.RadioSelect, **options
        )

    def create_free_text_field(self, field, options):
        return forms.CharField(
            max_length=FREE_TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4}),
            **options,
        )

    @property
    def formfields(self):
        fields = {}
        if self.with_audience:
            fields[AUDIENCE_FIELD] = forms.ChoiceField(
                label=_("You answer as"),
                choices=RespondentGroup.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose your group.")},
            )
        if self.with_name:
            fields["respondent_name"] = forms.CharField(
                label=_("Your name"),
                max_length=100,
                error_messages={"required": _("Please give your name.")},
            )
        fields.update(super().formfields)
        return fields

    def get_form_class(self):
        attrs = dict(self.formfields)
        attrs["question_names"] = {
            field.clean_name or field.get_field_clean_name() for field in self.fields
        }
        return type("SurveyResponseForm", (SurveyForm,), attrs)


def answer_rows(questions, cleaned_data):
    """SurveyAnswer field values for each answer in a valid form's data."""
    rows = []
    for question in questions:
        value = cleaned_data.get(question.clean_name)
        if value in (None, "", []):
            continue
        key = question.question_key
        if question.field_type == QuestionType.MULTIPLE_CHOICE:
            rows += [{"question_key": key, "choice": choice} for choice in value]
        elif question.field_type == QuestionType.SCALE:
            rows.append({"question_key": key, "choice": str(value), "number": value})
        elif question.field_type == QuestionType.FREE_TEXT:
            rows.append({"question_key": key, "text": value})
        else:
            rows.append({"question_key": key, "choice": value})
    return rows


# Invitations -------------------------------------------------------------------


@dataclass(frozen=True)
class LineError:
    line: int
    message: str


def parse_address_list(text):
    """Addresses from a CSV (one per line, first column); every bad line reported.

    Returns (addresses, errors); a header line such as "email" or "e-pasts" and
    empty lines are skipped.
    """
    addresses, errors, seen = [], [], {}
    reader = csv.reader(io.StringIO(text))
    for number, row in enumerate(reader, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        value = cells[0]
        if number == 1 and value.lower() in {"email", "e-mail", "e-pasts", "epasts"}:
            continue
        if any(cells[1:]):
            errors.append(LineError(number, _("Put only one address on each line.")))
            continue
        try:
            validate_email(value)
        except ValidationError:
            errors.append(
                LineError(
                    number,
                    _("“%(value)s” is not an e-mail address.") % {"value": value},
                )
            )
            continue
        normalised = value.lower()
        if normalised in seen:
            errors.append(
                LineError(
                    number,
                    _("%(value)s is already on line %(line)s.")
                    % {"value": value, "line": seen[normalised]},
                )
            )
            continue
        seen[normalised] = number
        addresses.append((number, normalised))
    return addresses, errors


class InvitationUploadForm(forms.Form):
    """An address list for one group; the file is checked line by line."""

    audience = forms.ChoiceField(
        label=_("Group"),
        choices=RespondentGroup.choices,
        help_text=_("Everyone in this list answers as a member of this group."),
    )
    addresses = forms.FileField(
        label=_("Address list (CSV)"),
        help_text=_(
            "One e-mail address per line, UTF-8. A first line “email” is skipped."
        ),
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.line_errors = []

    def clean(self):
        cleaned_data = super().clean()
        if not self.survey.live:
            raise ValidationError(
                _("Publish the survey first: the links lead to its public page.")
            )
        if self.survey.state() == "closed":
            raise ValidationError(_("The survey is closed: no one could answer."))
        return cleaned_data

    def clean_addresses(self):
        upload = self.cleaned_data["addresses"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is too large: keep it under 512 KB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("The file is not UTF-8 text: save it as “CSV UTF-8” and try again.")
            ) from error
        addresses, errors = parse_address_list(text)
        existing = set(self.survey.invitations.values_list("email", flat=True))
        for number, address in addresses:
            if address in existing:
                errors.append(
                    LineError(
                        number,
                        _("%(value)s is already invited to this survey.")
                        % {"value": address},
                    )
                )
        if not addresses and not errors:
            raise ValidationError(_("The file contains no addresses."))
        if len(addresses) > MAX_ADDRESSES:
            raise ValidationError(
                _("Upload at most %(max)s addresses at a time.")
                % {"max": MAX_ADDRESSES}
            )
        self.line_errors = sorted(errors, key=lambda error: error.line)
        if self.line_errors:
            raise ValidationError(
                _(
                    "Nothing was sent: correct the lines below and upload the "
                    "whole list again."
                )
            )
        return [address for _number, address in addresses]
