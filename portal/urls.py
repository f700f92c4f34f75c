from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from events.api import EventsAPIViewSet
from home.sitemaps import PortalSitemap
from home.views import privacy_notice, school_colours

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("events", EventsAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("school-colours/<int:site_id>.css", school_colours, name="school_colours"),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Latvian pages live at /, English ones under /en/.
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("subscriptions/", include("events.urls")),
    path("privacy-notice/", privacy_notice, name="privacy_notice"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
