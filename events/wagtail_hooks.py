from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from events import admin_views
from events.models import EventPage


@hooks.register("register_admin_viewset")
def register_registrations():
    return admin_views.RegistrationViewSet("event_registrations")


@hooks.register("register_admin_urls")
def event_admin_urls():
    return [
        path(
            "events/<int:page_id>/change/",
            admin_views.change_event_view,
            name="events_change_event",
        ),
        path(
            "events/<int:page_id>/message/",
            admin_views.message_registrants_view,
            name="events_message_registrants",
        ),
        path("events/adopt-day/", admin_views.adopt_day_view, name="events_adopt_day"),
    ]


@hooks.register("register_admin_menu_item")
def adopt_day_menu_item():
    return MenuItem(
        _("Environmental days"),
        reverse("events_adopt_day"),
        icon_name="date",
        order=220,
    )


def event_buttons(page, user):
    if not isinstance(page.specific_deferred, EventPage):
        return
    permissions = page.permissions_for_user(user)
    if page.live and permissions.can_publish():
        yield Button(
            _("Change or cancel"),
            reverse("events_change_event", args=[page.pk]),
            icon_name="date",
            priority=25,
        )
    if permissions.can_edit():
        yield Button(
            _("Registrations"),
            admin_views.registrations_url(page),
            icon_name="group",
            priority=26,
        )
        yield Button(
            _("Message the registrants"),
            reverse("events_message_registrants", args=[page.pk]),
            icon_name="mail",
            priority=27,
        )


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name, next_url=None):
    yield from event_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    yield from event_buttons(page, user)
