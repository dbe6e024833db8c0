"""Swagger UI for the schema, served under the site's strict Content Security Policy.

drf-spectacular's split view loads its start-up script from a URL instead
of an inline ``<script>``. This page's template also moves the inline
``<style>`` into a static file, so the policy needs no exception. Swagger
UI's own files come from drf-spectacular-sidecar, not from a CDN.
"""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularSwaggerSplitView

from api.errors import error_body, not_found as not_found_error


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"


@csrf_exempt
def not_found(request):
    """Return a JSON 404 for an address under /api/ that matches no endpoint.

    Exempt from CSRF checks because it changes nothing, so a POST gets the same 404 as a GET.
    """
    error = not_found_error()
    return JsonResponse(error_body(error.error_code, error.message), status=404)
