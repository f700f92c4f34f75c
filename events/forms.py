"""The public registration, change and subscription forms with their guards, and
the editors' forms."""

from django import forms
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.choices import EventType, QuestionKind
from home.forms import PublicForm, RateLimit

MAX_NAME = 150
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

# One allowance per form, so that cancelling a registration does not use up
# what the next registration needs.
REGISTRATIONS = RateLimit(
    "events:register", setting="EVENTS_SUBMISSIONS_PER_MINUTE", default=10, window=60
)
REGISTRATION_CHANGES = RateLimit(
    "events:manage", setting="EVENTS_SUBMISSIONS_PER_MINUTE", default=10, window=60
)
SUBSCRIPTIONS = RateLimit(
    "events:subscribe", setting="EVENTS_SUBMISSIONS_PER_MINUTE", default=10, window=60
)


def refuse(request, status, message, page=None):
    context = {"page": page, "status": status, "message": message}
    return TemplateResponse(request, "events/refused.html", context, status=status)


def guard_post(request, page, rate_limit):
    """Refuse oversized and malformed submissions before reading them.

    Nothing typed can be shown again from a body that was not read; such posts
    count against `rate_limit`, as scripts send them more than people do.
    """
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length < 0 or request.content_type not in FORM_TYPES:
        refused = refuse(request, 400, gettext("The form could not be read."), page)
    elif length > getattr(settings, "EVENTS_MAX_POST_BYTES", 20_000):
        refused = refuse(
            request, 413, gettext("The form is too large to be accepted."), page
        )
    else:
        return None
    rate_limit.count(request)
    return refused


class RegistrationForm(PublicForm):
    name = forms.CharField(label=_("Name and surname"), max_length=MAX_NAME)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    organisation = forms.CharField(label=_("School or organisation"), max_length=200)
    participants = forms.IntegerField(
        label=_("Number of participants"),
        initial=1,
        error_messages={"invalid": _("Enter the number of participants as digits.")},
    )
    note = forms.CharField(
        label=_("Note for the organiser"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the school processes these data to organise the event."),
        error_messages={
            "required": _("Registration needs your consent to process the data.")
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["participants"].widget.attrs.update(
            min=1, max=event.max_participants
        )
        self.fields["participants"].help_text = _(
            "A teacher may register a whole group: up to %(max)d participants."
        ) % {"max": event.max_participants}
        if event.max_participants == 1:
            self.fields["participants"].widget = forms.HiddenInput()
        self.question_fields = []
        for question in event.questions.all():
            name = question.field_name
            if question.kind == QuestionKind.LONG_TEXT:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
                )
            elif question.kind == QuestionKind.CHOICE:
                choices = [(c, c) for c in question.choice_list()]
                field = forms.ChoiceField(
                    choices=[("", "—")] + choices, widget=forms.Select
                )
            elif question.kind == QuestionKind.CHECKBOX:
                field = forms.BooleanField()
            else:
                field = forms.CharField(max_length=500)
            field.label = question.label
            field.help_text = question.help_text
            field.required = question.required
            self.fields[name] = field
            self.question_fields.append((name, question))

    def clean_participants(self):
        return clean_participants(self.cleaned_data["participants"], self.event)

    def answers(self):
        return {
            question.label: self.cleaned_data.get(name)
            for name, question in self.question_fields
        }


def clean_participants(value, event):
    if value < 1:
        raise forms.ValidationError(_("Register at least one participant."))
    if value > event.max_participants:
        raise forms.ValidationError(
            _("One registration can have at most %(max)d participants.")
            % {"max": event.max_participants}
        )
    return value


class ChangeParticipantsForm(forms.Form):
    participants = forms.IntegerField(
        label=_("Number of participants"),
        error_messages={"invalid": _("Enter the number of participants as digits.")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["participants"].widget.attrs.update(
            min=1, max=event.max_participants
        )

    def clean_participants(self):
        return clean_participants(self.cleaned_data["participants"], self.event)


class SubscriptionForm(PublicForm):
    email = forms.EmailField(label=_("E-mail"))
    event_types = forms.MultipleChoiceField(
        label=_("Only these kinds of events (none chosen: all)"),
        choices=EventType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class EventChangeForm(forms.Form):
    """An editor's announced change: new time or place, or a cancellation."""

    cancel_event = forms.BooleanField(label=_("Cancel the event"), required=False)
    start = forms.DateTimeField(
        label=_("Starts"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    end = forms.DateTimeField(
        label=_("Ends"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    all_day = forms.BooleanField(label=_("All day"), required=False)
    location_name = forms.CharField(label=_("Place"), max_length=200, required=False)
    location_address = forms.CharField(
        label=_("Address"), max_length=250, required=False
    )
    reason = forms.CharField(
        label=_("Reason (sent to the registrants)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, event, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "start": event.local_start().replace(tzinfo=None),
                "end": event.local_end().replace(tzinfo=None),
                "all_day": event.all_day,
                "location_name": event.location_name,
                "location_address": event.location_address,
            },
        )
        super().__init__(*args, **kwargs)
        self.event = event

    def clean(self):
        data = super().clean()
        if data.get("cancel_event"):
            return data
        start, end = data.get("start"), data.get("end")
        if not start or not end:
            raise forms.ValidationError(_("Give the new start and end."))
        if end < start:
            self.add_error("end", _("The event cannot end before it starts."))
        changes = self.changes()
        if not changes and not self.errors:
            raise forms.ValidationError(
                _("Nothing changed: change the time or the place, or cancel.")
            )
        return data

    def changes(self):
        data = self.cleaned_data
        changes = {}
        for field in ("start", "end", "all_day", "location_name", "location_address"):
            if data.get(field) != getattr(self.event, field):
                changes[field] = data.get(field)
        return changes


class MessageRegistrantsForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea, max_length=5000)
