from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from events import views

app_name = "events"

urlpatterns = [
    path(
        "<str:token>/confirm/",
        views.subscription_confirm,
        name="subscription_confirm",
    ),
    # Mail clients post the one-click unsubscribe (RFC 8058) without a CSRF token;
    # the signed token is the proof.
    path(
        "<str:token>/unsubscribe/",
        csrf_exempt(views.unsubscribe),
        name="unsubscribe",
    ),
]
