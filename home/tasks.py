"""Background work on shared things: image renditions."""

import logging

from celery import shared_task
from wagtail.images import get_image_model

from home.renditions import SPECS

logger = logging.getLogger(__name__)


@shared_task
def generate_renditions(image_id):
    """Make every rendition in `SPECS` that the image lacks; returns what happened.

    A deleted image is skipped. An unreadable file is logged and left alone, not
    retried: it would fail the same way again.
    """
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return "missing"
    try:
        image.get_renditions(*SPECS)
    except (OSError, ValueError):
        # OSError: the file is gone or not an image; ValueError: Willow refused it.
        logger.warning(
            "Could not make renditions of image %s (%s)",
            image_id,
            image.file.name,
            exc_info=True,
        )
        return "unreadable"
    return "done"
