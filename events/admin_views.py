"""Editors' tools in the Wagtail admin: registrations, announced changes, messages,
adopting an environmental day."""

import datetime
import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Locale, Page

from events import notifications, services
from events.choices import EventAudience, EventType
from events.forms import EventChangeForm, MessageRegistrantsForm
from events.models import (
    DayAdoption,
    EnvironmentalDay,
    EventIndexPage,
    EventPage,
    Registration,
    RegistrationQuestion,
)
from home import exports
from home.models import SchoolPage
from home.schools import editable_schools
from home.timezones import RIGA


def editable_events(user):
    events = EventPage.objects.filter(locale=Locale.get_default())
    if user.is_superuser:
        return events
    schools = editable_schools(user)
    if not schools.exists():
        return events.none()
    query = None
    for school in schools:
        part = EventPage.objects.descendant_of(school)
        query = part if query is None else query | part
    return events.filter(pk__in=query.values("pk"))


def require_publish(request, page):
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied


# Registrations --------------------------------------------------------------------


class RegistrationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(event__in=editable_events(self.request.user))
            .select_related("event")
        )

    # The downloads stand beside "Add" with their names; Wagtail would hide them
    # in the unlabelled "⋯" menu.
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Download XLSX"), url=self.xlsx_export_url, icon_name="download"
            ),
            HeaderButton(
                _("Download CSV"), url=self.csv_export_url, icon_name="download"
            ),
        ]

    def as_spreadsheet(self, queryset, spreadsheet_format):
        header, rows = registration_table(queryset)
        filename = self.get_filename()
        if spreadsheet_format == self.FORMAT_CSV:
            return exports.attachment(
                exports.excel_csv(header, rows),
                filename=f"{filename}.csv",
                content_type=exports.CSV_CONTENT_TYPE,
            )
        return exports.attachment(
            exports.xlsx(header, rows, title=_("Registrations")),
            filename=f"{filename}.xlsx",
            content_type=exports.XLSX_CONTENT_TYPE,
        )


class QuestionColumns:
    """One column per registration question, headed in the editor's language.

    A registration stores its answers under the question's label in the language
    the person registered in (`RegistrationForm.answers`), so every translation
    of a question points at the same column. Questions of different events with
    the same label share a column; an answer whose question has since been
    removed or renamed keeps a column under the label it was given.
    """

    def __init__(self, events):
        self.headings = []
        self.by_event = {}
        canonical = RegistrationQuestion.objects.filter(page__in=events).order_by(
            "page_id", "sort_order", "pk"
        )
        keys = {question.translation_key for question in canonical}
        translations = {}
        for question in RegistrationQuestion.objects.filter(
            translation_key__in=keys
        ).select_related("locale"):
            translations.setdefault(question.translation_key, []).append(question)
        language = (get_language() or "").split("-")[0]
        for question in canonical:
            versions = translations.get(question.translation_key, [question])
            heading = next(
                (q.label for q in versions if q.locale.language_code == language),
                question.label,
            )
            labels = self.by_event.setdefault(question.page_id, {})
            for version in versions:
                labels.setdefault(version.label, heading)
            self.add(heading)

    def add(self, heading):
        if heading not in self.headings:
            self.headings.append(heading)

    def cells(self, registration):
        labels = self.by_event.get(registration.event_id, {})
        by_heading = {}
        for key, value in (registration.answers or {}).items():
            heading = labels.get(key, key)
            self.add(heading)
            by_heading[heading] = answer_text(value)
        return by_heading


def answer_text(value):
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return str(value)


def language_name(code):
    try:
        return capfirst(str(get_language_info(code)["name_translated"]))
    except KeyError:
        return code


def registration_table(registrations):
    """The header and rows of a registrations download, in the editor's language.

    Codes become the words editors see in the list (status, attendance,
    language) and times are Latvian time to the minute.
    """
    registrations = list(registrations)
    columns = QuestionColumns({registration.event_id for registration in registrations})
    rows = []
    for registration in registrations:
        answers = columns.cells(registration)
        rows.append(
            (
                [
                    registration.event.title,
                    registration.name,
                    registration.email,
                    registration.organisation,
                    registration.participants,
                    registration.get_status_display(),
                    answer_text(registration.attended),
                    registration.note,
                ],
                answers,
                [
                    language_name(registration.language),
                    exports.local_minutes(registration.created_at),
                ],
            )
        )
    header = [
        _("Event"),
        _("Name and surname"),
        _("E-mail"),
        _("School or organisation"),
        _("Participants"),
        _("Status"),
        _("Attended"),
        _("Note"),
        *columns.headings,
        _("Language"),
        _("Registered at"),
    ]
    table = [
        [*before, *(answers.get(h, "") for h in columns.headings), *after]
        for before, answers, after in rows
    ]
    return header, table


class RegistrationAddForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["event", "name", "email", "organisation", "participants", "note"]


class RegistrationCreateView(generic.CreateView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["event"].queryset = editable_events(self.request.user).filter(
            registration_enabled=True
        )
        form.fields["participants"].min_value = 1
        return form

    def save_instance(self):
        data = self.form.cleaned_data
        try:
            return services.register(
                data["event"],
                services.RegistrationData(
                    name=data["name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    participants=data["participants"],
                    note=data["note"],
                    language=settings.LANGUAGE_CODE,
                ),
                user=self.request.user,
                force=True,
            )
        except services.RegistrationError as error:
            self.form.add_error(
                error.field if error.field in self.form.fields else None,
                error.message,
            )
            raise forms.ValidationError(error.message) from error

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_instance()
        except forms.ValidationError:
            return self.form_invalid(form)
        messages.success(self.request, _("Registration added."))
        return redirect(self.get_success_url())


class RegistrationEditView(generic.EditView):
    """Only attendance and the note: seats change through the person's own link."""

    def get_queryset(self):
        return Registration.objects.filter(event__in=editable_events(self.request.user))

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = gettext_lazy("Registrations")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    add_view_class = RegistrationCreateView
    edit_view_class = RegistrationEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "name",
        "organisation",
        "participants",
        "status",
        "attended",
        "event",
        "created_at",
    ]
    list_filter = ["status", "attended", "event"]
    search_fields = ["name", "email", "organisation"]
    # No `list_export`: its columns would be the raw codes and the answers'
    # JSON. The index view writes the downloads itself (`registration_table`)
    # and shows their buttons by name.
    export_filename = "registrations"
    list_per_page = 50
    form_fields = ["attended", "note"]

    def get_form_class(self, for_update=False):
        if for_update:
            return super().get_form_class(for_update)
        return RegistrationAddForm


# Announced changes and messages ---------------------------------------------------


def change_event_view(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id).canonical
    require_publish(request, event)
    if event.is_cancelled:
        messages.error(request, _("This event is already cancelled."))
        return redirect("wagtailadmin_pages:edit", event.pk)
    form = EventChangeForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {}
        if not data["cancel_event"]:
            changes = form.changes()
            for field in ("start", "end"):
                if field in changes and timezone.is_naive(changes[field]):
                    changes[field] = changes[field].replace(tzinfo=RIGA)
        try:
            services.change_event(
                event,
                user=request.user,
                reason=data["reason"],
                cancel_event=data["cancel_event"],
                **changes,
            )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The change is published and the registrants are told."),
            )
            return redirect("wagtailadmin_pages:edit", event.pk)
    return TemplateResponse(
        request,
        "events/admin/change_event.html",
        {
            "page": event,
            "form": form,
            "changes": event.changes.all()[:20],
            "registrants": event.registrations.filter(
                status__in=Registration.ACTIVE
            ).count(),
        },
    )


def message_registrants_view(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id).canonical
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = MessageRegistrantsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            rows = notifications.message_registrants(
                event,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                key=f"message:{event.pk}:{uuid.uuid4().hex}",
            )
        messages.success(
            request, _("%(count)d mails are on their way.") % {"count": len(rows)}
        )
        return redirect("wagtailadmin_pages:edit", event.pk)
    return TemplateResponse(
        request,
        "events/admin/message_registrants.html",
        {
            "page": event,
            "form": form,
            "registrants": event.registrations.filter(status__in=Registration.ACTIVE)
            .exclude(email="")
            .count(),
        },
    )


# Adopting an environmental day ----------------------------------------------------


class AdoptDayForm(forms.Form):
    day = forms.ModelChoiceField(
        label=gettext_lazy("Environmental day"),
        queryset=EnvironmentalDay.objects.none(),
    )
    school = forms.ModelChoiceField(
        label=gettext_lazy("School"), queryset=SchoolPage.objects.none()
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=2000, max_value=2100
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = EnvironmentalDay.objects.filter(
            locale=Locale.get_default()
        )
        self.fields["school"].queryset = editable_schools(user)
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        if {"day", "school", "year"} <= data.keys() and DayAdoption.objects.filter(
            day=data["day"], school=data["school"], year=data["year"]
        ).exists():
            raise forms.ValidationError(_("The school has adopted this day already."))
        if (
            data.get("school")
            and not EventIndexPage.objects.child_of(data["school"]).exists()
        ):
            raise forms.ValidationError(_("The school has no events section yet."))
        return data


@transaction.atomic
def adopt_day(day, school, year, user=None):
    """Adopt a day: a draft event in the school's events section, filled in."""
    index = EventIndexPage.objects.child_of(school).first()
    date = day.date_in(year)
    start = datetime.datetime.combine(date, datetime.time(9, 0), tzinfo=RIGA)
    event = EventPage(
        title=day.name,
        slug=f"{day.slug}-{year}",
        event_type=EventType.ENVIRONMENTAL_DAY,
        audience=EventAudience.EVERYONE,
        start=start,
        end=start.replace(hour=17),
        all_day=True,
        intro=day.description[:400],
        locale=school.locale,
        live=False,
        owner=user,
    )
    if Page.objects.child_of(index).filter(slug=event.slug).exists():
        event.slug = f"{event.slug}-{school.slug}"
    index.add_child(instance=event)
    event.save_revision(user=user, log_action=True)
    return DayAdoption.objects.create(day=day, school=school, year=year, event=event)


def adopt_day_view(request):
    form = AdoptDayForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        adoption = adopt_day(
            form.cleaned_data["day"],
            form.cleaned_data["school"],
            form.cleaned_data["year"],
            user=request.user,
        )
        messages.success(request, _("A draft event is ready: check it and publish it."))
        return redirect("wagtailadmin_pages:edit", adoption.event.pk)
    adoptions = DayAdoption.objects.filter(
        school__in=form.fields["school"].queryset
    ).select_related("day", "school", "event")
    return TemplateResponse(
        request,
        "events/admin/adopt_day.html",
        {"form": form, "adoptions": adoptions.order_by("-year", "day__month")},
    )


def registrations_url(event):
    return reverse("event_registrations:index") + f"?event={event.pk}"
