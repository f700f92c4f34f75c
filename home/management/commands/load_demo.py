from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from home.background import background_work_in_process
from home.demo import ensure_school_staff

# Each area adds its demo content here, in the order the content depends on.
DEMO_LOADERS = [
    "home.demo.load",
    "activities.demo.load",
    "partners.demo.load",
    "events.demo.load",
    "stories.demo.load",
    "surveys.demo.load",
]


class Command(BaseCommand):
    help = "Create or update the demo network. Running it again changes nothing."

    def handle(self, *args, **options):
        # The search and reference indexes are complete when the command ends,
        # rather than thousands of tasks queued for the worker to catch up on.
        with background_work_in_process():
            for dotted_path in DEMO_LOADERS:
                import_string(dotted_path)()
                self.stdout.write(f"  loaded {dotted_path.rsplit('.', 2)[0]}")
        accounts = ensure_school_staff()
        if accounts:
            self.stdout.write("School editors and moderators (passwords shown once):")
            for username, password in accounts:
                self.stdout.write(f"  {username}  {password}")
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
