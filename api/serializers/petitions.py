"""Bodies of the applicant's endpoints: profile, filing, progress and the steps after the reply."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.idnumbers import IdType
from accounts.models import ApplicantProfile
from api.serializers.base import InputSerializer
from api.serializers.lookups import CourtSerializer
from courts.models import Court
from petitions.models import Attachment, Category, Kind, Rating, Status
from petitions.views.common import progress

# Kinds an applicant files directly; a review is requested on a replied matter instead.
FILED_KINDS = [kind for kind in Kind.values if kind != Kind.REVIEW]
# Kinds of files an applicant uploads; reply documents come from the court.
APPLICANT_FILE_KINDS = [kind for kind in Attachment.Kind.values if kind != Attachment.Kind.REPLY_DOCUMENT]


# Real-name profile


class ProfileSerializer(serializers.Serializer):
    real_name = serializers.CharField()
    id_type = serializers.CharField()
    id_number_masked = serializers.CharField(source="masked_id_number", help_text="First 6 and last 4 characters.")
    address = serializers.CharField()
    agent_kind = serializers.CharField()
    lawyer_licence_number = serializers.CharField()
    complete = serializers.BooleanField(source="is_complete")


class ProfileInputSerializer(InputSerializer):
    real_name = serializers.CharField(label=gettext_lazy("Real name"), max_length=50)
    id_type = serializers.ChoiceField(label=gettext_lazy("ID type"), choices=IdType.choices)
    id_number = serializers.CharField(
        label=gettext_lazy("ID number"),
        max_length=30,
        help_text=gettext_lazy("A resident ID number has 18 characters; the last may be X."),
    )
    address = serializers.CharField(label=gettext_lazy("Address"), max_length=200)
    agent_kind = serializers.ChoiceField(
        label=gettext_lazy("Acting as agent"),
        choices=ApplicantProfile.AgentKind.choices,
        default=ApplicantProfile.AgentKind.NONE,
    )
    lawyer_licence_number = serializers.CharField(
        label=gettext_lazy("Lawyer's licence number"), max_length=30, required=False, allow_blank=True, default=""
    )


# Filing


class ActiveCourtField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": gettext_lazy("No active court has the id %(pk_value)s. Pick a court from the court search."),
        "incorrect_type": gettext_lazy("Give the court's id as a number."),
    }

    def __init__(self, **kwargs):
        super().__init__(queryset=Court.objects.filter(is_active=True), allow_null=True, required=False, **kwargs)


class DraftInputSerializer(InputSerializer):
    """The fields of a draft. Everything is optional until submission, which checks completeness."""

    kind = serializers.ChoiceField(label=gettext_lazy("Kind of matter"), choices=FILED_KINDS, required=False, allow_blank=True)
    category = serializers.ChoiceField(
        label=gettext_lazy("Case category"), choices=Category.values, required=False, allow_blank=True
    )
    case_number = serializers.CharField(
        label=gettext_lazy("Case number"),
        max_length=64,
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("For example （2023）京01民终1234号. Kept as typed when it does not parse."),
    )
    original_court = ActiveCourtField(label=gettext_lazy("Court that decided the case"))
    receiving_court = ActiveCourtField(label=gettext_lazy("Receiving court"))
    request_text = serializers.CharField(label=gettext_lazy("Request"), required=False, allow_blank=True)
    facts_and_reasons = serializers.CharField(
        label=gettext_lazy("Facts and reasons"), required=False, allow_blank=True
    )


class ClientInputSerializer(InputSerializer):
    """The applicant an agent files for: found by ID number and name, or registered when new."""

    real_name = serializers.CharField(label=gettext_lazy("Applicant's real name"), max_length=50)
    id_type = serializers.ChoiceField(
        label=gettext_lazy("Applicant's ID type"), choices=IdType.choices, default=IdType.RESIDENT_ID
    )
    id_number = serializers.CharField(
        label=gettext_lazy("Applicant's ID number"),
        max_length=30,
        help_text=gettext_lazy("A resident ID number has 18 characters; the last may be X."),
    )
    phone = serializers.CharField(
        label=gettext_lazy("Applicant's mobile number"),
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy(
            "Required when the applicant has no account yet. The applicant is texted the tracking "
            "number on submission and can sign up with this number to follow the matter."
        ),
    )
    address = serializers.CharField(
        label=gettext_lazy("Applicant's address"),
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy("Required when the applicant has no account yet."),
    )


class NewDraftInputSerializer(DraftInputSerializer):
    """A new draft: the draft fields, and the applicant when an agent files for someone else."""

    applicant = ClientInputSerializer(
        label=gettext_lazy("Applicant"),
        required=False,
        help_text=gettext_lazy(
            "Only when filing as an agent. An applicant without an account gets one, which they can "
            "claim by signing up with the mobile number. Upload the power of attorney before submitting."
        ),
    )


class UploadSerializer(InputSerializer):
    files = serializers.ListField(
        label=gettext_lazy("Files"),
        child=serializers.FileField(),
        min_length=1,
        help_text=gettext_lazy("PDF, JPG, PNG, HEIC or Word files; images are re-encoded without metadata."),
    )
    kind = serializers.ChoiceField(
        label=gettext_lazy("Kind of file"), choices=APPLICANT_FILE_KINDS, default=Attachment.Kind.OTHER
    )


class WithdrawSerializer(InputSerializer):
    reason = serializers.CharField(label=gettext_lazy("Reason"), max_length=2000, required=False, allow_blank=True, default="")


class SupplementSerializer(InputSerializer):
    answer_text = serializers.CharField(
        label=gettext_lazy("Answer"), max_length=5000, required=False, allow_blank=True, default=""
    )
    files = serializers.ListField(label=gettext_lazy("Files"), child=serializers.FileField(), required=False, default=list)


class RatingInputSerializer(InputSerializer):
    level = serializers.ChoiceField(label=gettext_lazy("Rating"), choices=Rating.Level.values)
    comment = serializers.CharField(label=gettext_lazy("Comment"), max_length=2000, required=False, allow_blank=True, default="")


class ReviewInputSerializer(InputSerializer):
    request_text = serializers.CharField(label=gettext_lazy("Request"))
    facts_and_reasons = serializers.CharField(label=gettext_lazy("Facts and reasons"))


# Output


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, attachment):
        path = reverse("api:attachment", args=[attachment.petition_id, attachment.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ProgressSerializer(serializers.Serializer):
    status_text = serializers.CharField(help_text="The status in plain words.")
    next_step = serializers.CharField(help_text="What happens next, and by when.")
    due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()


class DeadlinesSerializer(serializers.Serializer):
    receipt_due = serializers.DateField(allow_null=True)
    acceptance_due = serializers.DateField(allow_null=True)
    handling_due = serializers.DateField(allow_null=True)
    correction_due = serializers.DateField(allow_null=True)
    rating_due = serializers.DateField(allow_null=True)
    review_request_due = serializers.DateField(allow_null=True)
    provisional = serializers.BooleanField(
        source="deadlines_provisional", help_text="Counted without a confirmed holiday calendar."
    )


class PetitionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tracking_number = serializers.CharField(allow_null=True)
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    category = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.values)
    status_label = serializers.CharField(source="get_status_display")
    receiving_court = CourtSerializer(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()
    progress = serializers.SerializerMethodField()

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, petition):
        return ProgressSerializer(progress(petition)).data


class CorrectionNoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    items = serializers.ListField(child=serializers.CharField(), source="item_list")
    due_date = serializers.DateField()
    created_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
    answer_text = serializers.CharField()


class ReplySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    text = serializers.CharField()
    competent_body = serializers.CharField()
    approved_at = serializers.DateTimeField(allow_null=True)
    document = AttachmentSerializer(allow_null=True)


class RatingSerializer(serializers.Serializer):
    level = serializers.CharField()
    level_label = serializers.CharField(source="get_level_display")
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


class AllowedStepsSerializer(serializers.Serializer):
    edit = serializers.BooleanField(help_text="Draft: fields and files may change, then submit.")
    withdraw = serializers.BooleanField()
    supplement = serializers.BooleanField()
    rate = serializers.BooleanField()
    request_review = serializers.BooleanField()


class PetitionDetailSerializer(PetitionSummarySerializer):
    version = serializers.IntegerField()
    category_label = serializers.CharField(source="get_category_display")
    case_number = serializers.CharField()
    original_court = CourtSerializer(allow_null=True)
    request_text = serializers.CharField()
    facts_and_reasons = serializers.CharField()
    deadlines = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    open_correction = serializers.SerializerMethodField()
    reply = serializers.SerializerMethodField()
    rating = serializers.SerializerMethodField()
    allowed_steps = serializers.SerializerMethodField()
    review_of = serializers.IntegerField(source="review_of_id", allow_null=True)
    transferred_to = serializers.SerializerMethodField()

    @extend_schema_field(DeadlinesSerializer)
    def get_deadlines(self, petition):
        return DeadlinesSerializer(petition).data

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, petition):
        files = petition.attachments.exclude(kind=Attachment.Kind.REPLY_DOCUMENT)
        return AttachmentSerializer(files, many=True, context=self.context).data

    @extend_schema_field(CorrectionNoticeSerializer(allow_null=True))
    def get_open_correction(self, petition):
        notice = self.context["steps"].open_correction
        return CorrectionNoticeSerializer(notice).data if notice else None

    @extend_schema_field(ReplySerializer(allow_null=True))
    def get_reply(self, petition):
        reply = self.context["steps"].reply
        return ReplySerializer(reply, context=self.context).data if reply else None

    @extend_schema_field(RatingSerializer(allow_null=True))
    def get_rating(self, petition):
        rating = self.context["steps"].rating
        return RatingSerializer(rating).data if rating else None

    @extend_schema_field(AllowedStepsSerializer)
    def get_allowed_steps(self, petition):
        return AllowedStepsSerializer(self.context["steps"].allowed).data

    @extend_schema_field(PetitionSummarySerializer(allow_null=True))
    def get_transferred_to(self, petition):
        transfer = self.context["steps"].transfer
        if transfer is None:
            return None
        return PetitionSummarySerializer(transfer.new_petition, context=self.context).data


class EventSerializer(serializers.Serializer):
    sequence = serializers.IntegerField()
    action = serializers.CharField()
    new_status = serializers.CharField()
    message = serializers.CharField(source="public_message")
    created_at = serializers.DateTimeField()
