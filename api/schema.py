"""OpenAPI pieces shared by the views: the Bearer scheme, the error format and common headers."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Access token from /api/v1/auth/login, valid for 15 minutes.",
        }


class ErrorDetailSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True, help_text="The input at fault, or null.")
    code = serializers.CharField(help_text="Stable machine-readable code.")
    message = serializers.CharField(help_text="Translated text for people.")


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField(allow_null=True)
    details = ErrorDetailSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


ERROR_DESCRIPTIONS = {
    400: "Invalid input; `details` lists every problem.",
    401: "Missing, invalid or expired access token.",
    404: "Not found, or not visible to this user.",
    409: "The action does not fit the matter's current state, or someone changed it meanwhile.",
    415: "Unsupported body format.",
    422: "The idempotency key was used before with a different request.",
    429: "Too many requests; wait and retry.",
}


def errors(*status_codes):
    """Return the ``responses`` entries for the given error status codes, all in the error format."""
    return {
        code: OpenApiResponse(response=ErrorSerializer, description=ERROR_DESCRIPTIONS[code])
        for code in status_codes
    }


def write_errors(*status_codes):
    """Return the error responses of a write: those given, plus the ones every write may return.

    Every write parses a body (415 for an unsupported format) and checks the
    Idempotency-Key header (400 when invalid, 422 when reused).
    """
    return errors(*sorted({400, 415, 422, *status_codes}))


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any unique string of up to 64 characters. A retry with the same key and body "
        "returns the stored response instead of acting twice."
    ),
)
