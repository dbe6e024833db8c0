"""The user's in-site notices: the list with the unread count, and marking them read."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api.idempotency import idempotent
from api.schema import IDEMPOTENCY_KEY, errors, write_errors
from api.serializers import notices as bodies
from api.views.base import ApiView, Pagination
from notifications.models import Notice, unread_count
from notifications.services import mark_read


@extend_schema(tags=["notices"])
class NoticeListView(ApiView):
    @extend_schema(
        summary="My notices, newest first, with the number still unread",
        responses={200: bodies.NoticePageSerializer, **errors(401, 404)},
    )
    def get(self, request):
        paginator = Pagination()
        notices = Notice.objects.filter(recipient=request.user).order_by("-created_at", "-pk")
        page = paginator.paginate_queryset(notices, request, view=self)
        body = {
            "count": paginator.page.paginator.count,
            "unread_count": unread_count(request.user),
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": page,
        }
        return Response(bodies.NoticePageSerializer(body).data)


@extend_schema(tags=["notices"])
class NoticeReadView(ApiView):
    @extend_schema(
        summary="Mark one notice read",
        parameters=[IDEMPOTENCY_KEY],
        request=None,
        responses={200: bodies.MarkedReadSerializer, **write_errors(401, 404)},
    )
    @idempotent
    def post(self, request, pk):
        # Another user's notice answers 404, the same as one that does not exist.
        notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
        was_unread = notice.read_at is None
        mark_read(notice)
        body = {"marked": int(was_unread), "unread_count": unread_count(request.user)}
        return Response(bodies.MarkedReadSerializer(body).data)


@extend_schema(tags=["notices"])
class NoticeReadAllView(ApiView):
    @extend_schema(
        summary="Mark all my notices read",
        parameters=[IDEMPOTENCY_KEY],
        request=None,
        responses={200: bodies.MarkedReadSerializer, **write_errors(401)},
    )
    @idempotent
    def post(self, request):
        marked = Notice.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
        return Response(bodies.MarkedReadSerializer({"marked": marked, "unread_count": 0}).data)
