import json

from django.core.management.base import BaseCommand

from benchmark.targets import (
    WORKSHOP_SEATS,
    as_dicts,
    bench_targets,
    count_queries,
    workshop_page,
)
from events.models import EventPage, Registration
from home.models import SchoolPage
from stories.models import GoodPracticeStoryPage


class Command(BaseCommand):
    help = (
        "Print, as JSON, the URLs `make bench` loads and the SQL queries each "
        "costs on a cold cache; empties the registration workshop."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="localhost")

    def handle(self, *args, **options):
        targets = bench_targets()
        counts = count_queries(targets, host=options["host"])
        workshop = workshop_page()
        in_default = {"locale__language_code": "lv"}
        self.stdout.write(
            json.dumps(
                {
                    "targets": as_dicts(targets),
                    "queries": {name: m.queries for name, m in counts.items()},
                    "status": {name: m.status for name, m in counts.items()},
                    "workshop": {
                        "id": workshop.pk,
                        "path": next(t.path for t in targets if t.name == "workshop"),
                        "seats": WORKSHOP_SEATS,
                    },
                    "size": {
                        "schools": SchoolPage.objects.filter(
                            slug__startswith="ekoskola-", **in_default
                        ).count(),
                        "events": EventPage.objects.filter(**in_default).count(),
                        "stories": GoodPracticeStoryPage.objects.filter(
                            **in_default
                        ).count(),
                        "registrations": Registration.objects.count(),
                    },
                }
            )
        )
