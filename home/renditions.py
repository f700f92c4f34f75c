"""Image renditions are made by a worker after upload, not by a visitor's first view.

`SPECS` lists every filter spec the public templates ask for; a test compares it
with the `{% image %}` tags in the templates, so a new size cannot be forgotten.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.images import get_image_model

logger = logging.getLogger(__name__)

SPECS = (
    "width-480",  # evidence photos in activity progress
    "width-960",  # event image, figure block
    "fill-640x480",  # gallery photos
    "max-240x120",  # partner page logo
    "max-160x80",  # partner card logo
    "height-48",  # school logo in the header
)


def _queue(image_id):
    # home.tasks imports this module: a circle.
    from home.tasks import generate_renditions

    try:
        generate_renditions.delay(image_id)
    except Exception:  # The broker is down: the first page view makes them instead.
        logger.warning(
            "Could not queue renditions of image %s", image_id, exc_info=True
        )


def queue_renditions(sender, instance, raw=False, **kwargs):
    """After every save: a new file or focal point needs new renditions.

    When nothing changed, the task finds them all and stops.
    """
    if raw:
        return
    image_id = instance.pk
    transaction.on_commit(lambda: _queue(image_id))


def connect():
    post_save.connect(
        queue_renditions,
        sender=get_image_model(),
        dispatch_uid="home.renditions.queue_renditions",
    )
