from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Locale

from activities.models import ActionPlanIndexPage, ActionPlanPage
from activities.views import ImportPlanView
from home.schools import editable_schools


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path(
            "action-plans/import/",
            ImportPlanView.as_view(),
            name="activities_import_plan",
        )
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return editable_schools(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import action plan"),
        reverse("activities_import_plan"),
        icon_name="table",
        order=250,
    )


@hooks.register("register_page_header_buttons")
def import_button(page, user, view_name, next_url=None):
    """ "Import from spreadsheet" on a school's plans section and on each plan."""
    specific = page.specific_deferred
    if not isinstance(specific, ActionPlanIndexPage | ActionPlanPage):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    index = page if isinstance(specific, ActionPlanIndexPage) else page.get_parent()
    # Plans are imported into the school's pages in the default language.
    school = index.get_parent().get_translation_or_none(Locale.get_default())
    if school is None:
        return
    query = {"school": school.pk}
    if isinstance(specific, ActionPlanPage):
        query["year"] = specific.school_year
    yield Button(
        _("Import from spreadsheet"),
        url=reverse("activities_import_plan") + "?" + urlencode(query),
        icon_name="table",
        priority=80,
    )
