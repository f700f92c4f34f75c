from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home import renditions


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Network and schools")

    def ready(self):
        # Imported once the app registry is ready: these modules use models.
        from home.addresses import use_canonical_urls

        use_canonical_urls()

        # Here rather than in the middleware, so that workers and management
        # commands (scheduled publishing, imports) invalidate the page cache too.
        from home import caching

        caching.connect_signals()

        renditions.connect()
