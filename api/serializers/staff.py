"""Bodies of the court staff's endpoints: the queue, the case file and one input per action."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.phones import mask_phone
from api.serializers.base import InputSerializer
from api.serializers.lookups import CourtSerializer
from api.serializers.petitions import (
    AttachmentSerializer,
    CorrectionNoticeSerializer,
    DeadlinesSerializer,
)
from petitions.models import Category, Kind
from petitions.queries import INTAKE_STATUSES, staff_timeline


class QueueFilterSerializer(InputSerializer):
    kind = serializers.ChoiceField(label=gettext_lazy("Kind"), choices=Kind.values, required=False)
    category = serializers.ChoiceField(label=gettext_lazy("Case category"), choices=Category.values, required=False)
    status = serializers.ChoiceField(
        label=gettext_lazy("Status"), choices=[status.value for status in INTAKE_STATUSES], required=False
    )
    overdue = serializers.BooleanField(label=gettext_lazy("Overdue only"), required=False, default=False)
    query = serializers.CharField(
        label=gettext_lazy("Tracking number or applicant's name"), max_length=50, required=False
    )
    court = serializers.IntegerField(
        label=gettext_lazy("Court"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("Supervisors only: a court below their own. Default: the user's court."),
    )


class QueueItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tracking_number = serializers.CharField(allow_null=True)
    kind = serializers.CharField()
    category = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    applicant_name = serializers.CharField()
    receiving_court = CourtSerializer()
    submitted_at = serializers.DateTimeField(allow_null=True)
    queue_due = serializers.DateField(allow_null=True, help_text="The deadline of the current state.")
    overdue = serializers.BooleanField()


class ApplicantDataSerializer(serializers.Serializer):
    name = serializers.CharField()
    id_number_masked = serializers.CharField()
    phone_masked = serializers.CharField()


class StaffEventSerializer(serializers.Serializer):
    sequence = serializers.IntegerField()
    action = serializers.CharField()
    old_status = serializers.CharField()
    new_status = serializers.CharField()
    public_message = serializers.CharField()
    internal_note = serializers.CharField()
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    created_at = serializers.DateTimeField()


class StaffReplySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    text = serializers.CharField()
    competent_body = serializers.CharField()
    return_note = serializers.CharField()
    document = AttachmentSerializer(allow_null=True)


class CaseFileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField(help_text="Send it back with an action to detect someone else's change.")
    tracking_number = serializers.CharField(allow_null=True)
    kind = serializers.CharField()
    category = serializers.CharField()
    case_number = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    receiving_court = CourtSerializer()
    original_court = CourtSerializer(allow_null=True)
    department_id = serializers.IntegerField(allow_null=True)
    handler_id = serializers.IntegerField(allow_null=True)
    request_text = serializers.CharField()
    facts_and_reasons = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    deadlines = serializers.SerializerMethodField()
    applicant = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    correction_notices = serializers.SerializerMethodField()
    replies = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()
    transferred_to = serializers.SerializerMethodField()

    @extend_schema_field(DeadlinesSerializer)
    def get_deadlines(self, petition):
        return DeadlinesSerializer(petition).data

    @extend_schema_field(ApplicantDataSerializer)
    def get_applicant(self, petition):
        phone = petition.applicant.phone
        return {
            "name": petition.applicant_name,
            "id_number_masked": petition.applicant_id_masked,
            "phone_masked": mask_phone(phone) if phone else "",
        }

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, petition):
        files = petition.attachments.order_by("created_at", "pk")
        return AttachmentSerializer(files, many=True, context=self.context).data

    @extend_schema_field(CorrectionNoticeSerializer(many=True))
    def get_correction_notices(self, petition):
        return CorrectionNoticeSerializer(petition.correction_notices.order_by("created_at", "pk"), many=True).data

    @extend_schema_field(StaffReplySerializer(many=True))
    def get_replies(self, petition):
        replies = petition.replies.select_related("document").order_by("created_at", "pk")
        return StaffReplySerializer(replies, many=True, context=self.context).data

    @extend_schema_field(StaffEventSerializer(many=True))
    def get_timeline(self, petition):
        return StaffEventSerializer(staff_timeline(petition), many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_available_actions(self, petition):
        return self.context["actions"]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_transferred_to(self, petition):
        transfer = getattr(petition, "transfer", None)
        return transfer.new_petition_id if transfer is not None else None


# Action inputs. ``version`` is optional everywhere: when sent and stale, the action is refused.


class ActionInputSerializer(InputSerializer):
    version = serializers.IntegerField(
        label=gettext_lazy("Version"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("The case file's version the decision was based on."),
    )


class RequestCorrectionSerializer(ActionInputSerializer):
    items = serializers.ListField(
        label=gettext_lazy("Missing materials"),
        child=serializers.CharField(max_length=500),
        min_length=1,
        max_length=30,
    )


class AcceptSerializer(ActionInputSerializer):
    department = serializers.IntegerField(label=gettext_lazy("Department"), min_value=1)
    handler = serializers.IntegerField(label=gettext_lazy("Handler"), min_value=1)


class GuideOutSerializer(ActionInputSerializer):
    competent_body = serializers.CharField(label=gettext_lazy("Competent body"), max_length=200)
    text = serializers.CharField(label=gettext_lazy("Explanation to the applicant"), max_length=2000)


class ReasonSerializer(ActionInputSerializer):
    reason = serializers.CharField(label=gettext_lazy("Reason"), max_length=2000)


class TransferSerializer(ReasonSerializer):
    to_court = serializers.IntegerField(label=gettext_lazy("Transfer to court"), min_value=1)


class ExtendSerializer(ReasonSerializer):
    days = serializers.IntegerField(label=gettext_lazy("Extend by (days)"), min_value=1, max_value=365)


class DraftReplySerializer(ActionInputSerializer):
    text = serializers.CharField(label=gettext_lazy("Reply text"), max_length=20000)


class ReplyDocumentSerializer(ActionInputSerializer):
    document = serializers.FileField(label=gettext_lazy("Reply document"), help_text=gettext_lazy("PDF or Word."))


class ReturnReplySerializer(ActionInputSerializer):
    note = serializers.CharField(label=gettext_lazy("What to change"), max_length=2000)


class ActionResultSerializer(serializers.Serializer):
    case_file = CaseFileSerializer()
    new_petition_id = serializers.IntegerField(
        allow_null=True, help_text="For a transfer: the matter created at the target court."
    )

