from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from activities.importer import PlanImportError, import_plan, parse_rows, read_table
from home.models import EcoTheme, SchoolPage


class Command(BaseCommand):
    help = (
        "Create or update a school's action plan from a CSV or XLSX file with the "
        "header nr,activity,IX,X,XI,XII,I,II,III,IV,V,VI and an x for each planned "
        "month. Nothing is imported while any row is bad; importing the same file "
        "again changes nothing. Pages are published."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .csv or .xlsx file")
        parser.add_argument("--school", required=True, help="School slug, e.g. lit")
        parser.add_argument("--year", required=True, help="School year, e.g. 2025/2026")
        parser.add_argument("--theme", help="Theme slug for a new plan, e.g. water")

    def handle(self, *args, file, school, year, theme, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} does not exist.")
        school_page = SchoolPage.objects.filter(
            slug=school, locale=Locale.get_default()
        ).first()
        if school_page is None:
            raise CommandError(f"There is no school with the slug “{school}”.")
        theme_snippet = None
        if theme:
            theme_snippet = EcoTheme.objects.filter(
                slug=theme, locale=Locale.get_default()
            ).first()
            if theme_snippet is None:
                raise CommandError(f"There is no theme with the slug “{theme}”.")
        try:
            rows = parse_rows(read_table(path.read_bytes(), path.name))
            result = import_plan(school_page, year, rows, theme=theme_snippet)
        except PlanImportError as error:
            for problem in error.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Nothing was imported: {len(error.errors)} problem(s) in {file}."
            ) from error
        verb = "Created" if result.plan_created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result.plan.title} ({result.plan.url_path}): "
                f"{len(result.created)} new, {len(result.updated)} updated, "
                f"{len(result.unchanged)} unchanged activities."
            )
        )
        for page in result.not_in_file:
            self.stdout.write(
                f"Not in the file, left as it is: {page.number} {page.title}"
            )
