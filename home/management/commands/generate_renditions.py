from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from home.renditions import SPECS
from home.tasks import generate_renditions


class Command(BaseCommand):
    help = (
        "Make the renditions the public pages use for every image that lacks them "
        "(images uploaded before renditions were made on upload, or new sizes)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Leave the work to the Celery workers instead of doing it here.",
        )

    def handle(self, *args, **options):
        ids = list(
            get_image_model().objects.order_by("pk").values_list("pk", flat=True)
        )
        outcomes = {}
        for image_id in ids:
            if options["queue"]:
                generate_renditions.delay(image_id)
                outcome = "queued"
            else:
                outcome = generate_renditions(image_id)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        summary = ", ".join(
            f"{count} {name}" for name, count in sorted(outcomes.items())
        )
        self.stdout.write(
            f"{len(ids)} images, {len(SPECS)} sizes each: {summary or 'nothing to do'}."
        )
