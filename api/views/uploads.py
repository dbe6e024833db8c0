"""Resumable upload endpoints: start an upload, send chunks, read the offset, cancel.

The chunk requests use the headers and media type of the tus 1.0 core protocol
(https://tus.io/protocols/resumable-upload): each PATCH carries raw bytes with
``Content-Type: application/offset+octet-stream`` and an ``Upload-Offset`` header,
and HEAD returns the offset to resume from. Unlike tus, responses carry a JSON
body and no ``Tus-Resumable`` header, so a tus client library does not work unchanged.
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import BaseParser
from rest_framework.response import Response

from api import uploads
from api.errors import ApiError
from api.idempotency import idempotent
from api.schema import IDEMPOTENCY_KEY, ErrorSerializer, errors, write_errors
from api.serializers.uploads import UploadSessionSerializer, UploadStartSerializer
from api.views.base import ApiView

CHUNK_MEDIA_TYPE = "application/offset+octet-stream"


class ChunkParser(BaseParser):
    """Reads a chunk's raw bytes, rejecting a chunk larger than the limit before reading it all."""

    media_type = CHUNK_MEDIA_TYPE

    def parse(self, stream, media_type=None, parser_context=None):
        limit = uploads.max_chunk_bytes()
        chunk = stream.read(limit + 1)
        if len(chunk) > limit:
            message = _("A chunk may be at most %(size)s bytes. Send the file in smaller chunks.") % {"size": limit}
            raise ApiError("chunk_too_large", message, status_code=413)
        return chunk


def session_response(request, session, status_code=status.HTTP_200_OK):
    body = UploadSessionSerializer(session, context={"request": request}).data
    headers = {
        "Upload-Offset": str(session.offset),
        "Upload-Length": str(session.size),
        # An offset read from a cache would make the client resume at the wrong byte.
        "Cache-Control": "no-store",
    }
    return Response(body, status=status_code, headers=headers)


UPLOAD_OFFSET = OpenApiParameter(
    "Upload-Offset",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    required=True,
    description="The byte offset at which this chunk starts: the offset the server last returned.",
)
OFFSET_HEADERS = [
    OpenApiParameter(
        "Upload-Offset",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=[200, 201],
        description="Bytes received so far.",
    ),
    OpenApiParameter(
        "Upload-Length",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=[200, 201],
        description="The declared total size in bytes.",
    ),
]
EXPIRED = {
    410: OpenApiResponse(
        response=ErrorSerializer,
        description="The upload expired 24 hours after it started (`upload_expired`) or its bytes were lost.",
    )
}
CHUNK_TOO_LARGE = {
    413: OpenApiResponse(response=ErrorSerializer, description="The chunk is larger than the server accepts.")
}


@extend_schema(tags=["uploads"])
class UploadStartView(ApiView):
    @extend_schema(
        summary="Start a resumable upload of one file for a draft or for the answer to a correction notice",
        description=(
            "The declared size is checked against the upload limits before any byte is sent. "
            "Then send the bytes with PATCH on the returned upload."
        ),
        parameters=[IDEMPOTENCY_KEY, *OFFSET_HEADERS],
        request=UploadStartSerializer,
        responses={201: UploadSessionSerializer, **write_errors(401, 404, 409)},
    )
    @idempotent
    def post(self, request):
        serializer = UploadStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        session = uploads.start_upload(
            request.user, data["petition"], purpose=data["purpose"], name=data["name"], size=data["size"]
        )
        response = session_response(request, session, status.HTTP_201_CREATED)
        response["Location"] = f"/api/v1/uploads/{session.pk}"
        return response


@extend_schema(tags=["uploads"])
class UploadView(ApiView):
    parser_classes = [ChunkParser]

    @extend_schema(
        summary="The upload's offset and state; HEAD returns the same headers without a body",
        parameters=OFFSET_HEADERS,
        responses={200: UploadSessionSerializer, **errors(401, 404), **EXPIRED},
    )
    def get(self, request, upload_id):
        return session_response(request, uploads.get_upload(request.user, upload_id))

    @extend_schema(
        summary="Send the next chunk of the file",
        description=(
            "The body is the raw bytes of the chunk. A chunk that repeats bytes already received "
            "(a retry after a lost response) returns the current offset. A wrong offset returns 409 "
            "with the current offset in the `Upload-Offset` header. After the last byte the file is "
            "checked and attached, or held for the answer to a correction notice; a rejected file "
            "returns 400 with the reason."
        ),
        parameters=[UPLOAD_OFFSET, *OFFSET_HEADERS],
        request={CHUNK_MEDIA_TYPE: OpenApiTypes.BINARY},
        responses={200: UploadSessionSerializer, **errors(400, 401, 404, 409, 415), **EXPIRED, **CHUNK_TOO_LARGE},
    )
    def patch(self, request, upload_id):
        if request.content_type.split(";")[0].strip().lower() != CHUNK_MEDIA_TYPE:
            message = _("Send the chunk as raw bytes with the header Content-Type: %(type)s.") % {
                "type": CHUNK_MEDIA_TYPE
            }
            raise ApiError("unsupported_media_type", message, status_code=415)
        offset = _upload_offset(request)
        chunk = request.data if isinstance(request.data, bytes) else b""
        session = uploads.receive_chunk(request.user, upload_id, offset, chunk)
        return session_response(request, session)

    @extend_schema(
        summary="Cancel an upload that is not attached yet and delete its bytes",
        request=None,
        responses={204: None, **errors(401, 404, 409), **EXPIRED},
    )
    def delete(self, request, upload_id):
        uploads.cancel_upload(request.user, upload_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _upload_offset(request):
    raw = request.headers.get("Upload-Offset", "").strip()
    if not (raw.isascii() and raw.isdigit()):
        message = _(
            "The Upload-Offset header is missing or not a whole number. Send the byte offset where the chunk starts."
        )
        raise ApiError("upload_offset_invalid", message, field="Upload-Offset")
    return int(raw)
