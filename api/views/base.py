"""Base classes of the API views: Bearer authentication, JSON errors, pagination."""

from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from api.authentication import BearerTokenAuthentication
from api.errors import exception_handler


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ApiView(APIView):
    """A view for a logged-in client: Bearer token, JSON in and out, errors in the API format."""

    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]

    def get_exception_handler(self):
        return exception_handler

    # Set on list views; drf-spectacular reads it to describe the paginated response.
    pagination_class = None

    def paginate(self, queryset, serializer_class, **context):
        """Return the paginated response of ``queryset`` rendered with ``serializer_class``."""
        paginator = (self.pagination_class or Pagination)()
        page = paginator.paginate_queryset(queryset, self.request, view=self)
        serializer = serializer_class(page, many=True, context={"request": self.request, **context})
        return paginator.get_paginated_response(serializer.data)


class PublicView(ApiView):
    """A view anyone may call; a Bearer token is read when sent but not required."""

    permission_classes = [AllowAny]


class UploadView(ApiView):
    """A view that takes multipart/form-data with files."""

    parser_classes = [MultiPartParser]
