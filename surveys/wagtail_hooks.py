from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from surveys import admin_urls
from surveys.models import SurveyPage


@hooks.register("register_admin_urls")
def register_survey_admin_urls():
    return [path("surveys/", include(admin_urls, namespace="surveys_admin"))]


def _survey_buttons(page, user, priority):
    if not isinstance(page.specific_deferred, SurveyPage) or page.pk is None:
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Survey results"),
        reverse("surveys_admin:results", args=[page.pk]),
        icon_name="table",
        priority=priority,
    )
    yield Button(
        _("Invite by e-mail"),
        reverse("surveys_admin:invitations", args=[page.pk]),
        icon_name="mail",
        priority=priority + 1,
    )


@hooks.register("register_page_listing_more_buttons")
def survey_listing_buttons(page, user, next_url=None):
    yield from _survey_buttons(page, user, priority=12)


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    yield from _survey_buttons(page, user, priority=12)
