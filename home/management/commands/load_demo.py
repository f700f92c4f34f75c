from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

# Each area adds its demo content here, in the order the content depends on.
DEMO_LOADERS = [
    "home.demo.load",
    "activities.demo.load",
    "partners.demo.load",
    "stories.demo.load",
]


class Command(BaseCommand):
    help = "Create or update the demo network. Running it again changes nothing."

    def handle(self, *args, **options):
        for dotted_path in DEMO_LOADERS:
            import_string(dotted_path)()
            self.stdout.write(f"  loaded {dotted_path.rsplit('.', 2)[0]}")
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
