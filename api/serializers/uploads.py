"""Bodies of the resumable upload endpoints, and of the answer that refers to completed uploads."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.base import InputSerializer
from api.serializers.petitions import AttachmentSerializer, SupplementSerializer
from api.uploads import PURPOSES


class UploadStartSerializer(InputSerializer):
    petition = serializers.IntegerField(label=gettext_lazy("Matter"), min_value=1, help_text="The matter's id.")
    purpose = serializers.ChoiceField(
        label=gettext_lazy("Purpose"),
        choices=PURPOSES,
        help_text=(
            "The kind of file for a draft, or `supplement` for a file of the answer to a correction notice "
            "(sent later with the answer's `uploads`)."
        ),
    )
    name = serializers.CharField(
        label=gettext_lazy("File name"), max_length=255, help_text="The file name on the phone, shown to people."
    )
    size = serializers.IntegerField(label=gettext_lazy("Size"), min_value=1, help_text="Total size in bytes.")


class UploadErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class UploadSessionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    petition = serializers.IntegerField(source="petition_id")
    purpose = serializers.CharField()
    name = serializers.CharField(source="original_name")
    size = serializers.IntegerField(help_text="Total size in bytes, as declared.")
    offset = serializers.IntegerField(help_text="Bytes received so far; the next chunk starts here.")
    # A plain string: a third enum named "status" would clash with the matter's and the reply's in the schema.
    status = serializers.CharField(
        help_text=(
            "`receiving` until the last byte; then `attached` (a draft's file), `complete` "
            "(held for the answer to a correction notice) or `rejected` (see `error`)."
        ),
    )
    expires_at = serializers.DateTimeField()
    attachment = serializers.SerializerMethodField()
    error = serializers.SerializerMethodField()

    @extend_schema_field(AttachmentSerializer(allow_null=True))
    def get_attachment(self, session):
        if session.attachment is None:
            return None
        return AttachmentSerializer(session.attachment, context=self.context).data

    @extend_schema_field(UploadErrorSerializer(allow_null=True))
    def get_error(self, session):
        if not session.error_code:
            return None
        return {"code": session.error_code, "message": session.error_message}


class SupplementWithUploadsSerializer(SupplementSerializer):
    uploads = serializers.ListField(
        label=gettext_lazy("Uploaded files"),
        child=serializers.UUIDField(),
        required=False,
        default=list,
        max_length=50,
        help_text="Ids of completed resumable uploads started with purpose `supplement`.",
    )


class SupplementJsonSerializer(InputSerializer):
    """The answer sent as JSON: text and completed uploads, no form files."""

    answer_text = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    uploads = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        default=list,
        max_length=50,
        help_text="Ids of completed resumable uploads started with purpose `supplement`.",
    )
