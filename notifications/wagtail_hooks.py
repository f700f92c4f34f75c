from wagtail import hooks
from wagtail.permissions import register_permission_policy

from notifications.models import OutboxMessage
from notifications.views import OutboxMessageViewSet, ReadOnlyPolicy

register_permission_policy(OutboxMessage, ReadOnlyPolicy(OutboxMessage))


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxMessageViewSet("notifications")
