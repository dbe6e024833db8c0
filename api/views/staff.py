"""Court staff's endpoints: the intake queue, the case file, and one POST per lifecycle action.

Every endpoint needs a staff membership, and the matter must be one the
user may see (``petitions.queries.get_petition_for``); anything else is 404.
Each action parses its body and calls one domain function, which checks the
role and the state.
"""

import logging

from django.contrib.auth import get_user_model
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from accounts import access
from api.errors import not_found
from api.idempotency import idempotent
from api.schema import IDEMPOTENCY_KEY, errors, write_errors
from api.serializers import staff as bodies
from api.views.base import ApiView, Pagination, UploadView
from courts.models import Court, Department
from petitions import services
from petitions.errors import ConcurrentChange
from petitions.models import Petition
from petitions.queries import get_petition_for, intake_queue
from petitions.services.reply_documents import attach_reply_document
from petitions.views.staff import available_actions

logger = logging.getLogger(__name__)


def membership_or_404(user):
    membership = access.staff_membership(user)
    if membership is None:
        raise not_found()
    return membership


def staff_petition(user, pk):
    """Return the matter if ``user`` is staff who may see it; raise 404 otherwise."""
    membership_or_404(user)
    return get_petition_for(user, pk)


def case_file_data(request, petition):
    # Generating a letter preview is a web page feature; the API offers the actions it has endpoints for.
    actions = [name for name in available_actions(request.user, petition) if name in ACTIONS]
    context = {"request": request, "actions": actions}
    return bodies.CaseFileSerializer(petition, context=context).data


@extend_schema(tags=["staff"])
class QueueView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        summary="The intake queue of the user's court: overdue first, then by deadline",
        parameters=[bodies.QueueFilterSerializer],
        responses={200: bodies.QueueItemSerializer(many=True), **errors(400, 401, 404)},
    )
    def get(self, request):
        membership = membership_or_404(request.user)
        filters = bodies.QueueFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        values = filters.validated_data

        court = membership.court
        if values.get("court"):
            court = access.visible_courts(request.user).filter(pk=values["court"]).first()
            if court is None:
                raise not_found()
        if not access.can_see_personal_data(request.user):
            # Analysts see statistics, never individual matters.
            return self.paginate(Petition.objects.none(), bodies.QueueItemSerializer)

        queue = intake_queue(
            court,
            {
                "kind": values.get("kind", ""),
                "category": values.get("category", ""),
                "status": values.get("status", ""),
                "overdue_only": values["overdue"],
                "query": values.get("query", ""),
            },
        )
        return self.paginate(queue, bodies.QueueItemSerializer)


@extend_schema(tags=["staff"])
class CaseFileView(ApiView):
    @extend_schema(
        summary="Everything about one matter, with the actions this user may take now",
        responses={200: bodies.CaseFileSerializer, **errors(401, 404)},
    )
    def get(self, request, pk):
        petition = staff_petition(request.user, pk)
        return Response(case_file_data(request, petition))


# The actions


def _receive(user, petition, data):
    return services.receive(user, petition)


def _request_correction(user, petition, data):
    return services.request_correction(user, petition, items=data["items"])


def _accept(user, petition, data):
    department = Department.objects.filter(pk=data["department"]).first()
    handler = get_user_model().objects.filter(pk=data["handler"]).first()
    return services.accept(user, petition, department=department, handler=handler)


def _guide_out(user, petition, data):
    return services.guide_out(user, petition, competent_body=data["competent_body"], text=data["text"])


def _decline(user, petition, data):
    return services.decline(user, petition, reason=data["reason"])


def _transfer(user, petition, data):
    to_court = Court.objects.filter(pk=data["to_court"]).first()
    return services.transfer(user, petition, to_court=to_court, reason=data["reason"])


def _extend(user, petition, data):
    return services.extend(user, petition, days=data["days"], reason=data["reason"])


def _draft_reply(user, petition, data):
    return services.draft_reply(user, petition, text=data["text"])


def _upload_reply_document(user, petition, data):
    return attach_reply_document(user, petition, data["document"])


def _submit_reply(user, petition, data):
    return services.submit_reply_for_approval(user, petition)


def _approve_reply(user, petition, data):
    return services.approve_reply(user, petition)


def _return_reply(user, petition, data):
    return services.return_reply(user, petition, note=data["note"])


def _close(user, petition, data):
    return services.close(user, petition)


# name: (input serializer, domain call, summary)
ACTIONS = {
    "receive": (bodies.ActionInputSerializer, _receive, "Register a submitted matter (登记)"),
    "request_correction": (
        bodies.RequestCorrectionSerializer,
        _request_correction,
        "Ask the applicant for missing materials; the running deadline pauses",
    ),
    "accept": (bodies.AcceptSerializer, _accept, "Accept the matter (受理) and assign a department and handler"),
    "guide_out": (bodies.GuideOutSerializer, _guide_out, "Tell the applicant which body handles the matter (引导)"),
    "decline": (bodies.ReasonSerializer, _decline, "Decide not to accept the matter (不予受理)"),
    "transfer": (bodies.TransferSerializer, _transfer, "Transfer the matter to another court (转办)"),
    "extend": (bodies.ExtendSerializer, _extend, "Extend the handling period once"),
    "draft_reply": (bodies.DraftReplySerializer, _draft_reply, "Write or revise the draft reply"),
    "upload_reply_document": (
        bodies.ReplyDocumentSerializer,
        _upload_reply_document,
        "Upload the reply document (PDF or Word, multipart/form-data)",
    ),
    "submit_reply": (bodies.ActionInputSerializer, _submit_reply, "Send the draft reply for approval"),
    "approve_reply": (bodies.ActionInputSerializer, _approve_reply, "Approve the reply; the applicant receives it"),
    "return_reply": (bodies.ReturnReplySerializer, _return_reply, "Return the reply to the handler for revision"),
    "close": (bodies.ActionInputSerializer, _close, "Close a replied matter whose rating period has ended"),
}
MULTIPART_ACTIONS = ("upload_reply_document",)


class ActionView(ApiView):
    """Run one action on a matter; the concrete classes below set ``action``."""

    action = ""

    @idempotent
    def post(self, request, pk):
        petition = staff_petition(request.user, pk)
        input_class, run, _summary = ACTIONS[self.action]
        body = input_class(data=request.data)
        body.is_valid(raise_exception=True)
        version = body.validated_data.get("version")
        if version is not None and version != petition.version:
            raise ConcurrentChange()

        outcome = run(request.user, petition, body.validated_data)
        logger.info("Staff action %s on petition %s through the API", self.action, petition.pk)
        new_petition = outcome if isinstance(outcome, Petition) and outcome.pk != petition.pk else None
        try:
            petition = get_petition_for(request.user, petition.pk)
        except Http404:
            petition.refresh_from_db()
        data = {"case_file": case_file_data(request, petition), "new_petition_id": getattr(new_petition, "pk", None)}
        return Response(data)


def _action_view(name):
    """Return an ActionView subclass for one action, with its own documented ``post``."""
    input_class, _run, summary = ACTIONS[name]
    multipart = name in MULTIPART_ACTIONS

    def post(self, request, pk):
        return ActionView.post(self, request, pk)

    documented = extend_schema(
        tags=["staff"],
        summary=summary,
        operation_id=f"v1_staff_action_{name}",
        parameters=[IDEMPOTENCY_KEY],
        request={"multipart/form-data": input_class} if multipart else input_class,
        responses={200: bodies.ActionResultSerializer, **write_errors(401, 404, 409)},
    )(post)
    bases = (ActionView, UploadView) if multipart else (ActionView,)
    return type(f"{name.title().replace('_', '')}ActionView", bases, {"action": name, "post": documented})


ACTION_VIEWS = {name: _action_view(name) for name in ACTIONS}
