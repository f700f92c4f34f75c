"""The notifications listing editors see in the Wagtail admin (read-only)."""

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from home.models import SchoolPage
from notifications.models import OutboxMessage


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Editors may look, never write: rows change only through delivery."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def visible_to(user, queryset):
    """Superusers see every mail; staff of a school see that school's mails."""
    if user.is_superuser:
        return queryset
    slugs = [
        name.rsplit(" ", 1)[0]
        for name in user.groups.values_list("name", flat=True)
        if name.endswith((" editors", " moderators"))
    ]
    return queryset.filter(school__translation_key__in=_school_keys(slugs))


def _school_keys(slugs):

    return SchoolPage.objects.filter(
        slug__in=slugs, locale__language_code=settings.LANGUAGE_CODE
    ).values_list("translation_key", flat=True)


class OutboxIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_to(self.request.user, super().get_base_queryset())


class OutboxInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        queryset = visible_to(self.request.user, OutboxMessage.objects.all())
        return get_object_or_404(queryset, pk=unquote(str(self.pk)))


class OutboxMessageViewSet(ModelViewSet):
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    model = OutboxMessage
    icon = "mail"
    menu_label = _("Notifications")
    menu_order = 800
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["subject", "to_email", "status", "attempts", "created_at"]
    list_filter = ["status", "language", "template"]
    search_fields = ["to_email", "subject", "key"]
    list_per_page = 50
    inspect_view_fields = [
        "subject",
        "to_email",
        "language",
        "template",
        "school",
        "status",
        "attempts",
        "error",
        "created_at",
        "queued_at",
        "sent_at",
        "key",
    ]
    form_fields = ["status"]
    copy_view_enabled = False
