"""The applicant's and agent's endpoints: profile, filing, progress and the steps after the reply.

Each write calls one domain function; a matter the user is not a party to
answers 404.
"""

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from accounts.profiles import has_complete_profile, register_client, save_profile
from api.errors import ApiError, not_found
from api.idempotency import idempotent
from api.matters import applicant_view, party_petition
from api.schema import IDEMPOTENCY_KEY, errors, write_errors
from api.serializers import petitions as bodies
from api.serializers import uploads as upload_bodies
from api.uploads import supplement_with_uploads
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
        description=(
            "An agent filing for someone else adds `applicant`. The applicant is found by ID number "
            "and name, or gets a new account entered by the agent; a power-of-attorney file "
            "(kind `power_of_attorney`) must be uploaded before the draft can be submitted."
        ),
        parameters=[IDEMPOTENCY_KEY],
        request=bodies.NewDraftInputSerializer,
        responses={201: bodies.PetitionDetailSerializer, **write_errors(401)},
    )
    @idempotent
    def post(self, request):
        fields = parsed(bodies.NewDraftInputSerializer, request)
        client = fields.pop("applicant", None)
        # One transaction, so a draft that fails to save leaves no client account behind.
        with transaction.atomic():
            applicant = _client_account(request.user, client) if client else None
            petition = services.save_draft(request.user, applicant=applicant, **fields)
        logger.info("Draft %s started through the API", petition.pk)
        return detail_response(request, petition, status.HTTP_201_CREATED)


def _client_account(agent, client):
    """Return the applicant account from ``register_client``, with its errors under ``applicant.<field>``."""
    if not has_complete_profile(agent):
        # The applicant's text message names the agent, so the agent must have given a real name.
        message = _("Complete your own real-name profile (PUT /api/v1/me/profile) before filing for someone else.")
        raise ApiError("profile_incomplete", message, field="applicant")
    try:
        return register_client(agent, **client)
    except DjangoValidationError as error:
        detail = {
            field: [ErrorDetail(str(message), code=item.code) for item in items for message in item]
            for field, items in error.error_dict.items()
        }
        raise serializers.ValidationError({"applicant": detail}) from None


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
    # JSON carries an answer whose files were sent as resumable uploads.
    parser_classes = [MultiPartParser, JSONParser]

    @extend_schema(
        summary="Answer the open correction notice with text, files and completed resumable uploads",
        parameters=[IDEMPOTENCY_KEY],
        request={
            "multipart/form-data": upload_bodies.SupplementWithUploadsSerializer,
            "application/json": upload_bodies.SupplementJsonSerializer,
        },
        responses={200: bodies.PetitionDetailSerializer, **write_errors(401, 404, 409)},
    )
    @idempotent
    def post(self, request, pk):
        petition = party_petition(request.user, pk)
        data = parsed(upload_bodies.SupplementWithUploadsSerializer, request)
        petition = supplement_with_uploads(
            request.user, petition, text=data["answer_text"], files=data["files"], upload_ids=data["uploads"]
        )
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
