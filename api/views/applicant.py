"""The applicant's and agent's endpoints: profile, filing, progress and the steps after the reply.

Each write calls one domain function; a matter the user is not a party to
answers 404.
"""

import logging

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from accounts.profiles import save_profile
from api.errors import ApiError, not_found
from api.idempotency import idempotent
from api.matters import applicant_view, party_petition
from api.schema import IDEMPOTENCY_KEY, errors, write_errors
from api.serializers import petitions as bodies
from api.views.base import ApiView, Pagination, UploadView
from petitions import services
from petitions.attachments import add_attachments
from petitions.errors import InvalidTransition
from petitions.models import Status
from petitions.queries import public_timeline, visible_petitions

logger = logging.getLogger(__name__)


def detail_response(request, petition, status_code=status.HTTP_200_OK):
    context = {"request": request, "steps": applicant_view(petition)}
    return Response(bodies.PetitionDetailSerializer(petition, context=context).data, status=status_code)


def parsed(serializer_class, request, **kwargs):
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema(tags=["profile"])
class ProfileView(ApiView):
    @extend_schema(summary="The real-name profile, with the ID number masked", responses={200: bodies.ProfileSerializer, **errors(401, 404)})
    def get(self, request):
        profile = getattr(request.user, "applicant_profile", None)
        if profile is None:
            raise not_found()
        return Response(bodies.ProfileSerializer(profile).data)

    @extend_schema(
        summary="Create or replace the real-name profile",
        parameters=[IDEMPOTENCY_KEY],
        request=bodies.ProfileInputSerializer,
        responses={200: bodies.ProfileSerializer, **write_errors(401)},
    )
    @idempotent
    def put(self, request):
        profile = save_profile(request.user, **parsed(bodies.ProfileInputSerializer, request))
        return Response(bodies.ProfileSerializer(profile).data)


STATUS_FILTER = OpenApiParameter(
    "status", str, enum=Status.values, required=False, description="Only matters in this status."
)


@extend_schema(tags=["petitions"])
class PetitionListView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        summary="My matters (as applicant or agent), newest first, drafts included",
        parameters=[STATUS_FILTER],
        responses={200: bodies.PetitionSummarySerializer(many=True), **errors(400, 401, 404)},
    )
    def get(self, request):
        user = request.user
        matters = visible_petitions(user).filter(Q(applicant=user) | Q(agent=user))
        wanted = request.query_params.get("status")
        if wanted:
            if wanted not in Status.values:
                raise _invalid_status(wanted)
            matters = matters.filter(status=wanted)
        matters = matters.select_related("receiving_court").order_by("-updated_at", "-pk")
        return self.paginate(matters, bodies.PetitionSummarySerializer)

    @extend_schema(
        summary="Start a draft (then upload files and submit)",
        parameters=[IDEMPOTENCY_KEY],
        request=bodies.DraftInputSerializer,
        responses={201: bodies.PetitionDetailSerializer, **write_errors(401)},
    )
    @idempotent
    def post(self, request):
        petition = services.save_draft(request.user, **parsed(bodies.DraftInputSerializer, request))
        logger.info("Draft %s started through the API", petition.pk)
        return detail_response(request, petition, status.HTTP_201_CREATED)


def _invalid_status(value):
    message = _("Unknown status “%(value)s”. Use one of: %(choices)s.") % {
        "value": value,
        "choices": ", ".join(Status.values),
    }
    return ApiError("invalid_choice", message, field="status")


@extend_schema(tags=["petitions"])
class PetitionDetailView(ApiView):
    @extend_schema(
        summary="One matter: status in plain words, next step, deadlines, files, notice, reply",
        responses={200: bodies.PetitionDetailSerializer, **errors(401, 404)},
    )
    def get(self, request, pk):
        return detail_response(request, party_petition(request.user, pk))

    @extend_schema(
        summary="Change fields of a draft",
        parameters=[IDEMPOTENCY_KEY],
        request=bodies.DraftInputSerializer,
        responses={200: bodies.PetitionDetailSerializer, **write_errors(401, 404, 409)},
    )
    @idempotent
    def patch(self, request, pk):
        petition = party_petition(request.user, pk)
        fields = parsed(bodies.DraftInputSerializer, request, partial=True)
        petition = services.save_draft(request.user, petition, **fields)
        return detail_response(request, petition)


@extend_schema(tags=["petitions"])
class AttachmentUploadView(UploadView):
    @extend_schema(
        summary="Upload files to a draft (multipart/form-data)",
        parameters=[IDEMPOTENCY_KEY],
        request={"multipart/form-data": bodies.UploadSerializer},
        responses={201: bodies.AttachmentSerializer(many=True), **write_errors(401, 404, 409)},
    )
    @idempotent
    def post(self, request, pk):
        petition = party_petition(request.user, pk)
        if petition.status != Status.DRAFT:
            # Files for a correction notice go with the answer, through /supplement.
            raise InvalidTransition()
        data = parsed(bodies.UploadSerializer, request)
        stored = add_attachments(request.user, petition, data["files"], kind=data["kind"])
        body = bodies.AttachmentSerializer(stored, many=True, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(tags=["petitions"])
class SubmitView(ApiView):
    @extend_schema(
        summary="Submit a draft; it gets a tracking number and a receipt deadline",
        parameters=[IDEMPOTENCY_KEY],
        request=None,
        responses={200: bodies.PetitionDetailSerializer, **write_errors(401, 404, 409)},
    )
    @idempotent
    def post(self, request, pk):
        petition = party_petition(request.user, pk)
        key = request.headers.get("Idempotency-Key", "").strip()
        petition = services.submit(request.user, petition, idempotency_key=key)
        logger.info("Petition %s submitted through the API", petition.pk)
        return detail_response(request, petition)


@extend_schema(tags=["petitions"])
class WithdrawView(ApiView):
    @extend_schema(
        summary="Withdraw the matter (any stage before the reply)",
        parameters=[IDEMPOTENCY_KEY],
        request=bodies.WithdrawSerializer,
        responses={200: bodies.PetitionDetailSerializer, **write_errors(401, 404, 409)},
    )
    @idempotent
    def post(self, request, pk):
        petition = party_petition(request.user, pk)
        reason = parsed(bodies.WithdrawSerializer, request)["reason"]
        petition = services.withdraw(request.user, petition, reason=reason)
        return detail_response(request, petition)


@extend_schema(tags=["petitions"])
class TimelineView(ApiView):
    @extend_schema(
        summary="The matter's timeline as the applicant sees it, oldest first",
        responses={200: bodies.EventSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request, pk):
        petition = party_petition(request.user, pk)
        return Response(bodies.EventSerializer(public_timeline(petition), many=True).data)


@extend_schema(tags=["petitions"])
class CorrectionListView(ApiView):
    @extend_schema(
        summary="The correction notices of the matter, oldest first",
        responses={200: bodies.CorrectionNoticeSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request, pk):
        petition = party_petition(request.user, pk)
        notices = petition.correction_notices.order_by("created_at", "pk")
        return Response(bodies.CorrectionNoticeSerializer(notices, many=True).data)


@extend_schema(tags=["petitions"])
class SupplementView(UploadView):
    @extend_schema(
        summary="Answer the open correction notice with text and files (multipart/form-data)",
        parameters=[IDEMPOTENCY_KEY],
        request={"multipart/form-data": bodies.SupplementSerializer},
        responses={200: bodies.PetitionDetailSerializer, **write_errors(401, 404, 409)},
    )
    @idempotent
    def post(self, request, pk):
        petition = party_petition(request.user, pk)
        data = parsed(bodies.SupplementSerializer, request)
        petition = services.supplement(request.user, petition, text=data["answer_text"], files=data["files"])
        return detail_response(request, petition)


@extend_schema(tags=["petitions"])
class ReplyView(ApiView):
    @extend_schema(
        summary="The court's reply, with the link to download its document",
        responses={200: bodies.ReplySerializer, **errors(401, 404)},
    )
    def get(self, request, pk):
        reply = applicant_view(party_petition(request.user, pk)).reply
        if reply is None:
            raise not_found()
        return Response(bodies.ReplySerializer(reply, context={"request": request}).data)


@extend_schema(tags=["petitions"])
class RatingView(ApiView):
    @extend_schema(
        summary="Rate the reply; the matter closes",
        parameters=[IDEMPOTENCY_KEY],
        request=bodies.RatingInputSerializer,
        responses={201: bodies.RatingSerializer, **write_errors(401, 404, 409)},
    )
    @idempotent
    def post(self, request, pk):
        petition = party_petition(request.user, pk)
        data = parsed(bodies.RatingInputSerializer, request)
        rating = services.rate(request.user, petition, level=data["level"], comment=data["comment"])
        return Response(bodies.RatingSerializer(rating).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["petitions"])
class ReviewRequestView(ApiView):
    @extend_schema(
        summary="Ask the court above for a review of the reply; returns the new matter",
        parameters=[IDEMPOTENCY_KEY],
        request=bodies.ReviewInputSerializer,
        responses={201: bodies.PetitionDetailSerializer, **write_errors(401, 404, 409)},
    )
    @idempotent
    def post(self, request, pk):
        original = party_petition(request.user, pk)
        data = parsed(bodies.ReviewInputSerializer, request)
        review = services.request_review(request.user, original, **data)
        return detail_response(request, review, status.HTTP_201_CREATED)
