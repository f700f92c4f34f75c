import json

from django.core.management.base import BaseCommand

from benchmark.targets import WORKSHOP_SEATS, as_dicts, bench_targets, count_queries


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
        workshop = next(target for target in targets if target.name == "workshop")
        self.stdout.write(
            json.dumps(
                {
                    "targets": as_dicts(targets),
                    "queries": {name: count for name, (_, count) in counts.items()},
                    "status": {name: status for name, (status, _) in counts.items()},
                    "workshop": {"path": workshop.path, "seats": WORKSHOP_SEATS},
                }
            )
        )
