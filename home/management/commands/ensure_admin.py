import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the local administrator once. The password comes from "
        "PORTAL_ADMIN_PASSWORD or is generated and printed this one time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", default=os.environ.get("PORTAL_ADMIN_USER", "admin")
        )
        parser.add_argument("--email", default="admin@ekoskolas.localhost")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Administrator '{username}' exists; password unchanged.")
            return
        password = os.environ.get("PORTAL_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Administrator created: {username}"))
        if not os.environ.get("PORTAL_ADMIN_PASSWORD"):
            self.stdout.write(
                f"Password (shown once, keep it): {password}\n"
                "Sign in at http://127.0.0.1:8000/admin/"
            )
