"""What an event page serves: the page, the registration form, the personal link
of a registration and the .ics file. The seats and mails are the services' work.
"""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from events.choices import TAKES_REGISTRATIONS, ManageAction
from events.forms import (
    REGISTRATION_CHANGES,
    REGISTRATIONS,
    ChangeParticipantsForm,
    RegistrationForm,
    guard_post,
    refuse,
)
from events.ical import event_calendar
from events.models.registration import Registration


class EventRoutes(RoutablePageMixin):
    """The routes of `EventPage`; registrations are held by its `canonical` event."""

    def show_event(self, request, form=None, status=200):
        """The event page, with the registration form while it takes them."""
        event = self.canonical
        registration_status = event.registration_status
        if form is None and registration_status in TAKES_REGISTRATIONS:
            form = RegistrationForm(event=self)
        context = self.get_context(request)
        context.update(
            form=form,
            registration_status=registration_status,
            seats_left=event.seats_left,
            waitlist_length=event.waitlist_length,
        )
        return TemplateResponse(
            request, "events/event_page.html", context, status=status
        )

    def manage_url(self, token):
        return self.url + self.reverse_subpage("manage_registration", args=[token])

    @path("")
    def event(self, request):
        return self.show_event(request)

    @path("register/")
    @method_decorator(require_http_methods(["GET", "POST"]))
    def register(self, request):
        # events.services imports events.models, which imports this module: a circle.
        from events import services

        if request.method == "GET":
            return HttpResponseRedirect(self.url)
        refused = guard_post(request, self, REGISTRATIONS)
        if refused:
            return refused
        form = RegistrationForm(request.POST, event=self)
        if form.is_spam:
            # Robots get the event page, as after any post, and nothing is saved.
            REGISTRATIONS.count(request)
            return HttpResponseRedirect(self.url)
        if REGISTRATIONS.holds_back(request, form):
            return REGISTRATIONS.too_many(self.show_event(request, form))
        if form.is_valid():
            data = services.RegistrationData(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                participants=form.cleaned_data["participants"],
                note=form.cleaned_data["note"],
                answers=form.answers(),
                language=self.locale.language_code,
            )
            try:
                registration = services.register(self, data)
            except services.RegistrationError as error:
                form.add_error(
                    error.field if error.field in form.fields else None, error.message
                )
            else:
                REGISTRATIONS.count(request)
                return HttpResponseRedirect(
                    self.manage_url(registration.token) + "?new=1"
                )
        return self.show_event(request, form, status=400)

    # A personal link: never kept by any cache.
    @path("registration/<str:token>/")
    @method_decorator(never_cache)
    def manage_registration(self, request, token):
        # events.services imports events.models, which imports this module: a circle.
        from events import services

        registration = Registration.from_token(token)
        if registration is None or registration.event_id != self.canonical.pk:
            return refuse(
                request,
                404,
                _("This link is not valid, or the registration was erased."),
                self,
            )
        event = self.canonical
        form = ChangeParticipantsForm(
            initial={"participants": registration.participants}, event=event
        )
        status = 200
        if request.method == "POST":
            refused = guard_post(request, self, REGISTRATION_CHANGES)
            if refused:
                return refused
            action = request.POST.get("action")
            here = self.manage_url(token)
            if action not in ManageAction.values:
                REGISTRATION_CHANGES.count(request)
                return refuse(request, 400, _("The form could not be read."), self)
            if action == ManageAction.CHANGE:
                form = ChangeParticipantsForm(request.POST, event=event)
            if REGISTRATION_CHANGES.exceeded(request):
                # The page has three forms: the notice stands above them all.
                messages.error(
                    request,
                    REGISTRATION_CHANGES.message(kept=action == ManageAction.CHANGE),
                )
                status = 429
            elif action == ManageAction.CANCEL:
                services.cancel(registration)
                REGISTRATION_CHANGES.count(request)
                messages.success(request, _("Your registration is cancelled."))
                return redirect(here)
            elif action == ManageAction.ERASE:
                services.erase(registration)
                REGISTRATION_CHANGES.count(request)
                messages.success(
                    request, _("Your registration and your data are erased.")
                )
                return redirect(self.url)
            elif form.is_valid():
                try:
                    services.change_participants(
                        registration, form.cleaned_data["participants"]
                    )
                except services.RegistrationError as error:
                    form.add_error("participants", error.message)
                    status = 400
                else:
                    REGISTRATION_CHANGES.count(request)
                    messages.success(request, _("Your registration is updated."))
                    return redirect(here)
            else:
                status = 400
        registration.refresh_from_db()
        context = self.get_context(request)
        context.update(
            registration=registration,
            form=form,
            just_registered=request.GET.get("new") == "1",
            manage_url=request.build_absolute_uri(),
            can_change=registration.is_active and not event.is_past,
        )
        response = TemplateResponse(
            request, "events/manage_registration.html", context, status=status
        )
        return REGISTRATION_CHANGES.too_many(response) if status == 429 else response

    @path("ical/")
    def ical(self, request):
        response = HttpResponse(
            event_calendar(self, request=request),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response
