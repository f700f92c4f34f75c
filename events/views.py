"""Public views of events: the event page, registration, the personal link, feeds."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events import notifications, services
from events.choices import TAKES_REGISTRATIONS
from events.forms import ChangeParticipantsForm, RegistrationForm, SubscriptionForm
from events.models import Registration, Subscription
from home.forms import RateLimit

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
        refused = refuse(request, 400, _("The form could not be read."), page)
    elif length > getattr(settings, "EVENTS_MAX_POST_BYTES", 20_000):
        refused = refuse(request, 413, _("The form is too large to be accepted."), page)
    else:
        return None
    rate_limit.count(request)
    return refused


def event_context(page, form=None):
    event = page.canonical
    return {
        "page": page,
        "form": form
        if form is not None
        else (
            RegistrationForm(event=page)
            if event.registration_status in TAKES_REGISTRATIONS
            else None
        ),
        "registration_status": event.registration_status,
        "seats_left": event.seats_left,
        "waitlist_length": event.waitlist_length,
    }


def event_page(request, page):
    context = page.get_context(request)
    context.update(event_context(page))
    return TemplateResponse(request, "events/event_page.html", context)


@require_http_methods(["GET", "POST"])
def register(request, page):
    if request.method == "GET":
        return HttpResponseRedirect(page.url)
    refused = guard_post(request, page, REGISTRATIONS)
    if refused:
        return refused
    form = RegistrationForm(request.POST, event=page)
    if form.is_spam:
        # Robots get the event page, as after any post, and nothing is saved.
        REGISTRATIONS.count(request)
        return HttpResponseRedirect(page.url)
    if REGISTRATIONS.holds_back(request, form):
        return REGISTRATIONS.too_many(show_event_form(request, page, form))
    if form.is_valid():
        data = services.RegistrationData(
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            organisation=form.cleaned_data["organisation"],
            participants=form.cleaned_data["participants"],
            note=form.cleaned_data["note"],
            answers=form.answers(),
            language=page.locale.language_code,
        )
        try:
            registration = services.register(page, data)
        except services.RegistrationError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            REGISTRATIONS.count(request)
            return HttpResponseRedirect(
                f"{page.url}registration/{registration.token}/?new=1"
            )
    return show_event_form(request, page, form, status=400)


def show_event_form(request, page, form, status=200):
    context = page.get_context(request)
    context.update(event_context(page, form))
    return TemplateResponse(request, "events/event_page.html", context, status=status)


# A personal link: never kept by any cache.
@never_cache
def manage_registration(request, page, token):
    registration = Registration.from_token(token)
    if registration is None or registration.event_id != page.canonical.pk:
        return refuse(
            request,
            404,
            _("This link is not valid, or the registration was erased."),
            page,
        )
    event = page.canonical
    form = ChangeParticipantsForm(
        initial={"participants": registration.participants}, event=event
    )
    status = 200
    if request.method == "POST":
        refused = guard_post(request, page, REGISTRATION_CHANGES)
        if refused:
            return refused
        action = request.POST.get("action")
        here = f"{page.url}registration/{token}/"
        if action not in {"cancel", "erase", "change"}:
            REGISTRATION_CHANGES.count(request)
            return refuse(request, 400, _("The form could not be read."), page)
        if action == "change":
            form = ChangeParticipantsForm(request.POST, event=event)
        if REGISTRATION_CHANGES.exceeded(request):
            # The page has three forms: the notice stands above them all.
            messages.error(
                request, REGISTRATION_CHANGES.message(kept=action == "change")
            )
            status = 429
        elif action == "cancel":
            services.cancel(registration)
            REGISTRATION_CHANGES.count(request)
            messages.success(request, _("Your registration is cancelled."))
            return redirect(here)
        elif action == "erase":
            services.erase(registration)
            REGISTRATION_CHANGES.count(request)
            messages.success(request, _("Your registration and your data are erased."))
            return redirect(page.url)
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
    context = page.get_context(request)
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


# Subscriptions -------------------------------------------------------------------


def subscribe(request, page, school):
    """Double opt-in: a pending subscription and a mail with the confirm link."""
    if request.method != "POST":
        return show_subscription_form(request, page, school, SubscriptionForm())
    refused = guard_post(request, page, SUBSCRIPTIONS)
    if refused:
        return refused
    form = SubscriptionForm(request.POST)
    if form.is_spam:
        # Robots get the answer people get, and no mail is sent.
        SUBSCRIPTIONS.count(request)
        return subscription_sent(request, page, form.data.get("email", ""))
    if SUBSCRIPTIONS.holds_back(request, form):
        shown = show_subscription_form(request, page, school, form)
        return SUBSCRIPTIONS.too_many(shown)
    if not form.is_valid():
        return show_subscription_form(request, page, school, form, status=400)
    email = form.cleaned_data["email"].strip().lower()
    with transaction.atomic():
        subscription = Subscription.objects.filter(email=email, school=school).first()
        if subscription is None:
            subscription = Subscription.objects.create(
                email=email,
                school=school,
                language=page.locale.language_code,
                event_types=form.cleaned_data["event_types"],
            )
        elif subscription.confirmed_at is None:
            subscription.event_types = form.cleaned_data["event_types"]
            subscription.language = page.locale.language_code
            subscription.save()
        if subscription.confirmed_at is None:
            notifications.subscription_confirm(
                subscription, base_url=f"{request.scheme}://{request.get_host()}"
            )
    SUBSCRIPTIONS.count(request)
    return subscription_sent(request, page, email)


def show_subscription_form(request, page, school, form, status=200):
    context = page.get_context(request)
    context.update(form=form, school=school)
    return TemplateResponse(request, "events/subscribe.html", context, status=status)


def subscription_sent(request, page, email):
    context = page.get_context(request)
    context.update(
        message=_("Almost done: we sent a link to %(email)s. Open it to confirm.")
        % {"email": email}
    )
    return TemplateResponse(request, "events/subscription_message.html", context)


@never_cache
def subscription_confirm(request, token):
    subscription = Subscription.from_token(token)
    if subscription is None:
        return refuse(request, 404, _("This link is not valid any more."))
    if request.method == "POST":
        if subscription.confirmed_at is None:
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
        message = _("Thank you: you will get a mail about each new event.")
        return TemplateResponse(
            request, "events/subscription_message.html", {"message": message}
        )
    return TemplateResponse(
        request,
        "events/subscription_action.html",
        {
            "subscription": subscription,
            "question": _("Confirm that you want mails about new events?"),
            "button": _("Confirm the subscription"),
        },
    )


@never_cache
def unsubscribe(request, token):
    """GET asks; POST (a click on the button, or a mail client's one-click) removes."""
    subscription = Subscription.from_token(token)
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return TemplateResponse(
            request,
            "events/subscription_message.html",
            {"message": _("You will get no more mails about new events.")},
        )
    if subscription is None:
        return refuse(request, 404, _("This subscription no longer exists."))
    return TemplateResponse(
        request,
        "events/subscription_action.html",
        {
            "subscription": subscription,
            "question": _("Stop the mails about new events?"),
            "button": _("Unsubscribe"),
        },
    )
