import time

from django.core.management.base import BaseCommand, CommandError

from benchmark.network import NetworkSize, generate_network


class Command(BaseCommand):
    help = (
        "Add a large generated network (schools with events, stories and "
        "registrations in Latvian and English) for the benchmark."
    )

    def add_arguments(self, parser):
        full = NetworkSize()
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Fraction of the full size (0.1 for 10 %%).",
        )
        for name, default in vars(full).items():
            parser.add_argument(
                f"--{name}",
                type=int,
                default=None,
                help=f"Number of {name} (default {default} × scale).",
            )
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args, **options):
        if options["scale"] <= 0:
            raise CommandError("--scale must be above 0.")
        size = NetworkSize().scaled(options["scale"])
        size = NetworkSize(
            **{
                name: options[name] if options[name] is not None else value
                for name, value in vars(size).items()
            }
        )
        if min(vars(size).values()) < 1:
            raise CommandError("Every count must be at least 1.")
        self.stdout.write(f"Generating {size} ...")
        started = time.monotonic()
        result = generate_network(size, seed=options["seed"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {len(result.schools)} schools, {result.events} events and "
                f"{result.stories} stories in two languages, and "
                f"{result.registrations} registrations in "
                f"{time.monotonic() - started:.0f} s."
            )
        )
