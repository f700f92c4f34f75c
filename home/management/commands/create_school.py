from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from home.schools import create_school, editors_group_name, moderators_group_name


class Command(BaseCommand):
    help = (
        "Create a member school with its sections, media collection, editor and "
        "moderator groups, moderation workflow and (with --hostname) its own site. "
        "Running it again completes what is missing and changes nothing else."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The school's full name")
        parser.add_argument("--slug", required=True, help="Short URL name, e.g. lit")
        parser.add_argument("--hostname", help="Own host name, e.g. lit.ekoskolas.lv")
        parser.add_argument("--city", required=True, help="City or municipality")

    def handle(self, *args, name, slug, hostname, city, **options):
        try:
            school = create_school(name=name, slug=slug, hostname=hostname, city=city)
        except ValidationError as error:
            if hasattr(error, "message_dict"):
                problems = [
                    f"{field}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items()
                ]
            else:
                problems = error.messages
            raise CommandError(" ".join(problems)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{school.title} is ready at {school.url_path}")
        )
        self.stdout.write(
            f"Groups: '{editors_group_name(school.slug)}', "
            f"'{moderators_group_name(school.slug)}'"
        )
