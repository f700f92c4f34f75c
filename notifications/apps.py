from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Imported here: the module needs Wagtail's and the portal's models,
        # which are not loaded when this file is.
        from notifications import moderation

        # Wagtail's moderation and comment mails go through the outbox.
        moderation.connect()
