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
