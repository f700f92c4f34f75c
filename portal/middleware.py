from csp.middleware import CSPMiddleware
from django.db import connection
from django.http import JsonResponse


class HealthCheckMiddleware:
    """Answers /healthz before host validation and the HTTPS redirect.

    Health probes of containers and load balancers call the process by its
    internal address over plain HTTP; they must not need a public host name.
    """

    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != self.path:
            return self.get_response(request)
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        response = JsonResponse({"status": "ok"})
        response["Cache-Control"] = "no-store"
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a looser policy for the Wagtail admin only.

    The public site runs without inline scripts. Wagtail 8's admin still relies on
    inline scripts and styles in places, so /admin/ gets 'unsafe-inline' for both
    and may frame itself (preview panel); remove this once Wagtail's admin works
    under a strict policy.
    """

    admin_prefix = "/admin/"
    admin_update = {
        "script-src": ["'unsafe-inline'"],
        "style-src": ["'unsafe-inline'"],
        "img-src": ["blob:"],
        "frame-src": ["'self'"],
    }

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(self.admin_prefix):
            # A nonce would switch 'unsafe-inline' off in browsers, so none here.
            parts.nonce = None
            parts.update = {**(parts.update or {}), **self.admin_update}
            parts.replace = {
                **(parts.replace or {}),
                "frame-ancestors": ["'self'"],
            }
        return parts
