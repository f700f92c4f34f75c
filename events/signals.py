"""What publishing, unpublishing and deleting an event page tells people.

New events reach their subscribers when first published. A publish that moves an
event (time or place) is announced to its registrants and raises SEQUENCE; one
that frees seats confirms the waiting list; unpublishing or deleting an event
with registrations cancels it for them. The work is in `events.services`.
"""

from django.db import transaction
from django.db.models.signals import pre_delete, pre_save
from wagtail.models import Locale
from wagtail.signals import page_published, page_unpublished

from events import notifications, services
from events.models import EventPage


def announce_new_event(sender, instance, **kwargs):
    if instance.locale_id != Locale.get_default().pk or instance.is_cancelled:
        return
    site = instance.get_site()
    base_url = site.root_url if site else ""
    with transaction.atomic():
        # One key per event and subscriber: republishing sends nothing again.
        notifications.new_event_published(instance, base_url=base_url)


def note_published_values(sender, instance, raw=False, update_fields=None, **kwargs):
    # Only full saves write content: a publish, an unpublish, a move. Saving a
    # draft updates the revision pointers only (update_fields).
    if raw or instance.pk is None or update_fields is not None:
        return
    services.note_published_values(instance)


def schedule_next_meeting(sender, instance, **kwargs):
    services.schedule_next_meeting(instance)


def announce_change_and_fill_seats(sender, instance, revision=None, **kwargs):
    services.announce_published_change(instance, user=getattr(revision, "user", None))
    services.fill_freed_seats(instance)


def cancel_unpublished_event(sender, instance, **kwargs):
    services.cancel_unpublished_event(instance)


def cancel_deleted_event(sender, instance, **kwargs):
    services.cancel_deleted_event(instance)


def connect():
    pre_save.connect(note_published_values, sender=EventPage)
    page_published.connect(announce_new_event, sender=EventPage)
    page_published.connect(announce_change_and_fill_seats, sender=EventPage)
    page_published.connect(schedule_next_meeting, sender=EventPage)
    page_unpublished.connect(cancel_unpublished_event, sender=EventPage)
    pre_delete.connect(cancel_deleted_event, sender=EventPage)
