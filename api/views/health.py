"""A liveness check for load balancers and monitors."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from api.views.base import PublicView


@extend_schema(tags=["health"])
class HealthView(PublicView):
    """Reports that this process serves requests.

    It reads no database and ignores any token sent, so it returns 200 while
    PostgreSQL is down and costs only the framework's own request handling.
    """

    authentication_classes = []

    @extend_schema(
        summary="Liveness check: the server process answers; no login, no database",
        auth=[],
        responses={200: inline_serializer("Health", {"status": serializers.CharField(help_text="Always `ok`.")})},
    )
    def get(self, request):
        # A load balancer or proxy must see a live response, never a cached one.
        return Response({"status": "ok"}, headers={"Cache-Control": "no-store"})
