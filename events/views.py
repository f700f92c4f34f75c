"""The views of the confirm and unsubscribe links in subscription mails.

The event pages and listings serve their own forms (events.routes and
events.models.listings).
"""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from events import services
from events.forms import refuse
from events.models import Subscription


@never_cache
def subscription_confirm(request, token):
    subscription = Subscription.from_token(token)
    if subscription is None:
        return refuse(request, 404, _("This link is not valid any more."))
    if request.method == "POST":
        services.confirm_subscription(subscription)
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
