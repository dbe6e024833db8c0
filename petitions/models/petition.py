"""The petition (信访事项): one matter filed by an applicant with a court."""

from django.conf import settings
from django.db import models
from django.db.models import Case, DateField, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    APPEAL = "appeal", _("Appeal")
    REQUEST = "request", _("Request for a decision")
    COMPLAINT = "complaint", _("Complaint")
    REPORT = "report", _("Report")
    SUGGESTION = "suggestion", _("Opinion or suggestion")
    REVIEW = "review", _("Review")


class Category(models.TextChoices):
    CRIMINAL = "criminal", _("Criminal")
    CIVIL = "civil", _("Civil")
    ADMINISTRATIVE = "administrative", _("Administrative")
    STATE_COMPENSATION = "state_compensation", _("State compensation")
    ENFORCEMENT = "enforcement", _("Enforcement")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    AWAITING_CORRECTION = "awaiting_correction", _("Awaiting correction")
    ACCEPTED = "accepted", _("Accepted")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")
    TRANSFERRED = "transferred", _("Transferred")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States in which the courts still owe the applicant something.
OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.RECEIVED,
    Status.AWAITING_CORRECTION,
    Status.ACCEPTED,
)
# States the applicant may withdraw from: everything before the reply.
WITHDRAWABLE_STATUSES = (Status.DRAFT, *OPEN_STATUSES)
# States shown in the intake clerk's queue.
INTAKE_STATUSES = (Status.SUBMITTED, Status.RECEIVED, Status.AWAITING_CORRECTION)
# The deadline a queued matter is sorted by, per state.
QUEUE_DUE_FIELD = {
    Status.SUBMITTED: "receipt_due",
    Status.RECEIVED: "acceptance_due",
    Status.AWAITING_CORRECTION: "correction_due",
    Status.ACCEPTED: "handling_due",
}


def queue_due_expression():
    """Return the SQL expression for the deadline of the current state (NULL outside the queues).

    The staff queues sort by it and the ``petition_intake_order`` index
    stores it. PostgreSQL uses the index only for the identical expression,
    so both take it from here.
    """
    whens = [When(status=status, then=F(field)) for status, field in QUEUE_DUE_FIELD.items()]
    return Case(*whens, default=Value(None), output_field=DateField())


class Petition(models.Model):
    tracking_number = models.CharField(
        _("tracking number"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Given on submission, for example 京01-2026-000123."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    category = models.CharField(_("case category"), max_length=24, choices=Category.choices, blank=True)

    # The case number as typed, plus the parts parsed from it (empty when it did not parse).
    case_number = models.CharField(_("case number"), max_length=64, blank=True)
    case_year = models.PositiveSmallIntegerField(_("case year"), null=True, blank=True)
    case_court_code = models.CharField(_("court code in the case number"), max_length=16, blank=True)
    case_type_code = models.CharField(_("case type code"), max_length=16, blank=True)

    original_court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("court that decided the case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    receiving_court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("receiving court"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_petitions",
    )

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions_as_agent",
    )
    # Copied from the applicant's profile on submission, so the record stays
    # readable when the profile later changes.
    applicant_name = models.CharField(_("applicant's name"), max_length=50, blank=True)
    applicant_id_masked = models.CharField(_("applicant's ID number (masked)"), max_length=32, blank=True)

    request_text = models.TextField(_("request"), blank=True)
    facts_and_reasons = models.TextField(_("facts and reasons"), blank=True)

    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.DRAFT)
    department = models.ForeignKey(
        "courts.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_petitions",
    )

    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # Deadlines (China Standard Time dates). The matter is in time on the due date itself.
    receipt_due = models.DateField(_("receipt due"), null=True, blank=True)
    acceptance_due = models.DateField(_("acceptance decision due"), null=True, blank=True)
    handling_due = models.DateField(_("handling due"), null=True, blank=True)
    correction_due = models.DateField(_("correction due"), null=True, blank=True)
    rating_due = models.DateField(_("rating due"), null=True, blank=True)
    review_request_due = models.DateField(_("review request due"), null=True, blank=True)
    deadlines_provisional = models.BooleanField(
        _("deadlines provisional"),
        default=False,
        help_text=_("A current deadline was counted without a confirmed holiday calendar."),
    )

    # While a correction is awaited, the running clock (acceptance or handling)
    # stops; the days it had left are kept here and counted again on resume.
    paused_clock = models.CharField(_("paused clock"), max_length=24, blank=True)
    paused_on = models.DateField(_("clock paused on"), null=True, blank=True)
    paused_remaining_days = models.IntegerField(_("days left when paused"), null=True, blank=True)
    # The latest resume, kept so a calendar change can recount the deadline.
    resumed_on = models.DateField(_("clock resumed on"), null=True, blank=True)
    resumed_remaining_days = models.IntegerField(_("days left on resume"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("extension days"), default=0)

    # Set by the overdue scan when it flags the deadline and notifies staff;
    # the conditional update that sets it is also the claim between workers.
    receipt_overdue_at = models.DateTimeField(_("receipt flagged overdue at"), null=True, blank=True)
    acceptance_overdue_at = models.DateTimeField(
        _("acceptance flagged overdue at"), null=True, blank=True
    )
    handling_overdue_at = models.DateTimeField(_("handling flagged overdue at"), null=True, blank=True)

    transferred_from = models.ForeignKey(
        "self",
        verbose_name=_("transferred from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transferred_to",
    )
    review_of = models.ForeignKey(
        "self",
        verbose_name=_("review of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )

    # Number of events in the trace, kept so that a deleted last event is detectable.
    event_count = models.PositiveIntegerField(default=0, editable=False)
    # Bumped by every lifecycle write; a write names the version it read.
    version = models.PositiveIntegerField(default=1)
    idempotency_key = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="petition_unique_idempotency_key_per_applicant",
            ),
        ]
        indexes = [
            models.Index(
                fields=["receiving_court", "status", "receipt_due"], name="petition_intake_queue"
            ),
            # Returns a court's intake queue already in deadline order, so the
            # first page reads 25 index entries instead of sorting the whole queue.
            models.Index(
                F("receiving_court"),
                queue_due_expression(),
                F("id"),
                condition=Q(status__in=INTAKE_STATUSES),
                name="petition_intake_order",
            ),
            # One index per rule of petitions.overdue.scan_overdue, whose filter
            # and order they match. A flagged matter leaves its index, so each
            # stays the size of the unflagged matters in that state.
            models.Index(
                fields=["receipt_due", "id"],
                condition=Q(status=Status.SUBMITTED, receipt_overdue_at__isnull=True),
                name="petition_overdue_receipt",
            ),
            models.Index(
                fields=["acceptance_due", "id"],
                condition=Q(status=Status.RECEIVED, acceptance_overdue_at__isnull=True),
                name="petition_overdue_acceptance",
            ),
            models.Index(
                fields=["handling_due", "id"],
                condition=Q(status=Status.ACCEPTED, handling_overdue_at__isnull=True),
                name="petition_overdue_handling",
            ),
            # The replied matters in rating-deadline order, for close_unrated().
            models.Index(
                fields=["rating_due", "id"],
                condition=Q(status=Status.REPLIED),
                name="petition_close_unrated",
            ),
            models.Index(fields=["handler", "status", "handling_due"], name="petition_handler_queue"),
            models.Index(fields=["applicant", "-submitted_at"], name="petition_by_applicant"),
            models.Index(fields=["agent", "-submitted_at"], name="petition_by_agent"),
            models.Index(fields=["department", "status"], name="petition_by_department"),
        ]

    def __str__(self):
        return self.tracking_number or _("Draft %(id)s") % {"id": self.pk}

    @property
    def is_draft(self):
        return self.status == Status.DRAFT

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def extension_used(self):
        return self.extension_days > 0

    @property
    def current_due(self):
        """Return the deadline that matters in the current state, or None."""
        field = CURRENT_DUE_FIELD.get(self.status)
        return getattr(self, field) if field else None

    def is_overdue(self, today):
        due = self.current_due
        return due is not None and due < today

    def parties(self):
        """Return the applicant and, when filed through one, the agent."""
        return [user for user in (self.applicant, self.agent) if user is not None]


# The deadline the courts (or, awaiting correction, the applicant) must meet next.
CURRENT_DUE_FIELD = {
    Status.SUBMITTED: "receipt_due",
    Status.RECEIVED: "acceptance_due",
    Status.AWAITING_CORRECTION: "correction_due",
    Status.ACCEPTED: "handling_due",
    Status.REPLIED: "rating_due",
}
