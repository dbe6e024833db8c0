"""Download of a petition's file, for its parties and for staff who may see the matter."""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema

from accounts import access
from api.schema import errors
from api.views.base import ApiView
from petitions.attachments import open_attachment_for
from petitions.permissions import is_party
from petitions.views.common import content_disposition


@extend_schema(tags=["petitions"])
class AttachmentDownloadView(ApiView):
    @extend_schema(
        summary="Download one file of a matter (the reply document included)",
        responses={
            (200, "*/*"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, with its stored content type."
            ),
            **errors(401, 404),
        },
    )
    def get(self, request, pk, attachment_id):
        attachment, handle = open_attachment_for(request.user, pk, attachment_id)

        petition = attachment.petition
        if not is_party(request.user, petition) and access.staff_membership(request.user) is not None:
            access.log_personal_data_access(
                request.user, petition.applicant, ["attachment"], f"api download attachment {attachment.pk}"
            )

        response = FileResponse(handle, content_type=attachment.content_type)
        response["Content-Disposition"] = content_disposition(attachment.original_name)
        response["Cache-Control"] = "private, no-store"
        return response
