"""New events reach their subscribers when first published."""

from django.db import transaction
from wagtail.models import Locale
from wagtail.signals import page_published

from events import notifications
from events.models import EventPage


def announce_new_event(sender, instance, **kwargs):
    if instance.locale_id != Locale.get_default().pk or instance.is_cancelled:
        return
    site = instance.get_site()
    base_url = site.root_url if site else ""
    with transaction.atomic():
        # One key per event and subscriber: republishing sends nothing again.
        notifications.new_event_published(instance, base_url=base_url)


def connect():
    page_published.connect(announce_new_event, sender=EventPage)
