"""Intake at the receiving court: receive, correction, accept, guide out, decline, transfer."""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from workdays.calendar import local_date
from workdays.deadlines import Clock, compute_deadline, remaining_days, resume_deadline

from accounts.models import StaffMembership
from accounts.roles import Role
from petitions.attachments import add_attachments, copy_attachments
from petitions.deadlines import DUE_FIELD, RESUME_STATUS, handling_clock, running_clock
from notifications.texts import NoticeText
from petitions.errors import InvalidTransition, NotAllowed, ValidationFailed
from petitions.events import record_event
from petitions.models import Attachment, CorrectionNotice, Petition, Reply, Status, Transfer
from petitions.permissions import require_assigned, require_party, require_staff
from petitions.services.base import notify_on_commit, staff_with_role, today, transition
from petitions.services.replies import mark_replied
from petitions.tracking import next_tracking_number

MAX_REASON_LENGTH = 2000


@transaction.atomic
def receive(actor, petition):
    """Register a submitted matter (登记); starts the acceptance clock."""
    require_staff(actor, petition, Role.INTAKE_CLERK)

    now = timezone.now()
    acceptance = compute_deadline(Clock.ACCEPTANCE, now)
    transition(
        petition,
        actor,
        "received",
        from_statuses=[Status.SUBMITTED],
        to_status=Status.RECEIVED,
        changes={
            "received_at": now,
            "acceptance_due": acceptance.due,
            "deadlines_provisional": acceptance.provisional,
        },
        public_message=_("The court registered your matter and will decide by %(due)s whether to accept it.")
        % {"due": formats.date_format(acceptance.due)},
    )

    title = NoticeText(gettext_noop("Matter registered"))
    body = NoticeText(
        gettext_noop("Matter %(number)s was registered by %(court)s."),
        number=petition.tracking_number,
        court=petition.receiving_court.name,
    )
    notify_on_commit(petition.parties(), title, body, petition, sms=False)
    return petition


@transaction.atomic
def request_correction(actor, petition, *, items):
    """Ask the applicant for missing materials; the running clock pauses until they answer.

    ``items`` is a list of strings or text with one item per line. From
    ``received`` the intake clerk asks and the acceptance clock pauses; from
    ``accepted`` the handler asks and the handling clock pauses.
    """
    membership = require_staff(actor, petition, Role.INTAKE_CLERK, Role.HANDLER, Role.DEPARTMENT_HEAD)
    clock = running_clock(petition)
    if clock is None:
        raise InvalidTransition()
    if petition.status == Status.ACCEPTED:
        require_assigned(actor, membership, petition)
    elif not membership.has_role(Role.INTAKE_CLERK):
        raise NotAllowed()
    item_list = _clean_items(items)

    paused_on = today()
    left = remaining_days(clock, getattr(petition, DUE_FIELD[clock]), paused_on)
    correction = compute_deadline(Clock.CORRECTION, timezone.now())
    notice = CorrectionNotice.objects.create(
        petition=petition, items="\n".join(item_list), due_date=correction.due, requested_by=actor
    )
    transition(
        petition,
        actor,
        "correction_requested",
        from_statuses=[petition.status],
        to_status=Status.AWAITING_CORRECTION,
        changes={
            "paused_clock": clock,
            "paused_on": paused_on,
            "paused_remaining_days": left,
            "correction_due": correction.due,
            "deadlines_provisional": correction.provisional,
        },
        public_message=_("The court needs more materials by %(due)s: %(items)s")
        % {"due": formats.date_format(correction.due), "items": "；".join(item_list)},
        details={"notice": notice.pk, "paused_clock": clock, "remaining_days": left},
    )

    title = NoticeText(gettext_noop("Materials needed"))
    body = NoticeText(
        gettext_noop("Matter %(number)s: please supply the requested materials by %(due)s."),
        number=petition.tracking_number,
        due=correction.due,
    )
    notify_on_commit(petition.parties(), title, body, petition)
    return notice


def _clean_items(items):
    if isinstance(items, str):
        items = items.splitlines()
    cleaned = [item.strip() for item in items if item and item.strip()]
    if not cleaned:
        raise ValidationFailed("items", _("List at least one missing item, one per line."), code="required")
    return cleaned


@transaction.atomic
def supplement(actor, petition, *, text="", files=()):
    """Answer the open correction notice with text and files; the paused clock resumes.

    The matter goes back to the state it was paused in, with the days that
    were left counted again from today. Raises ValidationFailed when both
    text and files are empty or a file is rejected.
    """
    require_party(actor, petition)
    if petition.status != Status.AWAITING_CORRECTION:
        raise InvalidTransition()
    if not text.strip() and not files:
        message = _("Write an answer or upload at least one file.")
        raise ValidationFailed("answer_text", message, code="required")

    add_attachments(actor, petition, files, kind=Attachment.Kind.CORRECTION)
    notice = petition.correction_notices.filter(answered_at__isnull=True).order_by("-pk").first()
    now = timezone.now()
    CorrectionNotice.objects.filter(pk=notice.pk).update(answered_at=now, answer_text=text.strip())

    clock = petition.paused_clock
    resumed_on = local_date(now)
    resumed = resume_deadline(clock, petition.paused_remaining_days, resumed_on)
    due_field = DUE_FIELD[clock]
    transition(
        petition,
        actor,
        "correction_supplied",
        from_statuses=[Status.AWAITING_CORRECTION],
        to_status=RESUME_STATUS[clock],
        changes={
            due_field: resumed.due,
            due_field.replace("_due", "_overdue_at"): None,
            "deadlines_provisional": resumed.provisional,
            "resumed_on": resumed_on,
            "resumed_remaining_days": petition.paused_remaining_days,
            "paused_clock": "",
            "paused_on": None,
            "paused_remaining_days": None,
            "correction_due": None,
        },
        public_message=_("You supplied the requested materials."),
        details={"notice": notice.pk, "files": len(files), "resumed_due": resumed.due.isoformat()},
    )

    title = NoticeText(gettext_noop("Materials supplied"))
    body = NoticeText(
        gettext_noop("The applicant supplied materials for matter %(number)s."), number=petition.tracking_number
    )
    notify_on_commit([notice.requested_by], title, body, petition, sms=False)
    return petition


@transaction.atomic
def accept(actor, petition, *, department, handler):
    """Accept the matter (受理) and assign it; starts the handling clock."""
    require_staff(actor, petition, Role.INTAKE_CLERK, Role.DEPARTMENT_HEAD)
    if petition.status != Status.RECEIVED:
        raise InvalidTransition()
    _check_assignment(petition, department, handler)

    now = timezone.now()
    handling = compute_deadline(handling_clock(petition), now)
    transition(
        petition,
        actor,
        "accepted",
        from_statuses=[Status.RECEIVED],
        to_status=Status.ACCEPTED,
        changes={
            "accepted_at": now,
            "department": department,
            "handler": handler,
            "handling_due": handling.due,
            "deadlines_provisional": handling.provisional,
            "resumed_on": None,
            "resumed_remaining_days": None,
        },
        public_message=_("The court accepted your matter and will reply by %(due)s.")
        % {"due": formats.date_format(handling.due)},
        details={"department": department.pk, "handler": handler.pk},
    )

    notify_on_commit(
        petition.parties(),
        NoticeText(gettext_noop("Matter accepted")),
        NoticeText(gettext_noop("Matter %(number)s was accepted."), number=petition.tracking_number),
        petition,
    )
    notify_on_commit(
        [handler],
        NoticeText(gettext_noop("New matter assigned")),
        NoticeText(
            gettext_noop("Matter %(number)s was assigned to you; reply by %(due)s."),
            number=petition.tracking_number,
            due=handling.due,
        ),
        petition,
        sms=False,
    )
    return petition


def _check_assignment(petition, department, handler):
    if department is None or department.court_id != petition.receiving_court_id or not department.is_active:
        raise ValidationFailed("department", _("Choose an active department of this court."), code="invalid_choice")
    membership = StaffMembership.objects.filter(user=handler).first() if handler else None
    if (
        membership is None
        or membership.court_id != petition.receiving_court_id
        or not membership.has_role(Role.HANDLER)
        or membership.department_id not in (None, department.pk)
        or not handler.is_active
    ):
        message = _("Choose a handler who works in the chosen department.")
        raise ValidationFailed("handler", message, code="invalid_choice")


@transaction.atomic
def guide_out(actor, petition, *, competent_body, text):
    """Close intake by telling the applicant which body handles the matter (引导); status replied."""
    require_staff(actor, petition, Role.INTAKE_CLERK)
    if petition.status != Status.RECEIVED:
        raise InvalidTransition()
    competent_body = competent_body.strip()
    if not competent_body:
        message = _("Name the body that handles this kind of matter.")
        raise ValidationFailed("competent_body", message, code="required")
    _require_text("text", text)

    reply = Reply.objects.create(
        petition=petition,
        kind=Reply.Kind.GUIDANCE,
        status=Reply.Status.APPROVED,
        text=text.strip(),
        competent_body=competent_body[:200],
        drafted_by=actor,
        approved_by=actor,
        approved_at=timezone.now(),
    )
    public = _("This matter is handled by %(body)s. %(text)s") % {"body": competent_body, "text": reply.text}
    return mark_replied(petition, actor, reply, action="guided_out", public_message=public)


@transaction.atomic
def decline(actor, petition, *, reason):
    """Decide not to accept the matter (不予受理), with the reason; status replied."""
    require_staff(actor, petition, Role.INTAKE_CLERK, Role.DEPARTMENT_HEAD)
    if petition.status != Status.RECEIVED:
        raise InvalidTransition()
    _require_text("reason", reason)

    reply = Reply.objects.create(
        petition=petition,
        kind=Reply.Kind.DECLINE,
        status=Reply.Status.APPROVED,
        text=reason.strip(),
        drafted_by=actor,
        approved_by=actor,
        approved_at=timezone.now(),
    )
    public = _("The court decided not to accept the matter: %(reason)s") % {"reason": reply.text}
    return mark_replied(petition, actor, reply, action="declined", public_message=public)


def _require_text(field, value):
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(field, _("This field is required."), code="required")
    if len(value) > MAX_REASON_LENGTH:
        message = _("Keep this to %(max)s characters.") % {"max": MAX_REASON_LENGTH}
        raise ValidationFailed(field, message, code="too_long")


@transaction.atomic
def transfer(actor, petition, *, to_court, reason):
    """Transfer the matter to another court (转办); return the new petition there.

    The original becomes ``transferred``. The new petition is ``submitted``
    at ``to_court`` with its own tracking number and receipt deadline, a
    link back (``transferred_from``) and copies of the applicant's files.
    """
    require_staff(actor, petition, Role.INTAKE_CLERK)
    if petition.status != Status.RECEIVED:
        raise InvalidTransition()
    if to_court is None or to_court.pk == petition.receiving_court_id or not to_court.is_active:
        message = _("Choose another active court to transfer the matter to.")
        raise ValidationFailed("to_court", message, code="invalid_choice")
    _require_text("reason", reason)

    from_court = petition.receiving_court
    new_petition = _create_transferred_copy(petition, to_court)
    Transfer.objects.create(
        petition=petition,
        new_petition=new_petition,
        from_court=from_court,
        to_court=to_court,
        reason=reason.strip(),
        transferred_by=actor,
    )
    transition(
        petition,
        actor,
        "transferred",
        from_statuses=[Status.RECEIVED],
        to_status=Status.TRANSFERRED,
        changes={"closed_at": timezone.now()},
        public_message=_("Your matter was transferred to %(court)s under tracking number %(number)s.")
        % {"court": to_court.name, "number": new_petition.tracking_number},
        internal_note=reason.strip(),
        details={"to_court": to_court.code, "new_petition": new_petition.pk},
    )
    record_event(
        new_petition,
        actor,
        "transferred_in",
        old_status="",
        new_status=Status.SUBMITTED,
        public_message=_("Transferred from %(court)s (tracking number %(number)s).")
        % {"court": from_court.name, "number": petition.tracking_number},
        internal_note=reason.strip(),
        details={"from_court": from_court.code, "from_petition": petition.pk},
    )

    notify_on_commit(
        petition.parties(),
        NoticeText(gettext_noop("Matter transferred")),
        NoticeText(
            gettext_noop("Matter %(old)s was transferred to %(court)s; its new tracking number is %(new)s."),
            old=petition.tracking_number,
            court=to_court.name,
            new=new_petition.tracking_number,
        ),
        petition,
    )
    notify_on_commit(
        staff_with_role(to_court.pk, Role.INTAKE_CLERK),
        NoticeText(gettext_noop("Matter transferred in")),
        NoticeText(
            gettext_noop("Matter %(number)s was transferred to your court."), number=new_petition.tracking_number
        ),
        new_petition,
        sms=False,
    )
    return new_petition


def _create_transferred_copy(petition, to_court):
    now = timezone.now()
    receipt = compute_deadline(Clock.RECEIPT, now)
    copy_fields = [
        "kind",
        "category",
        "case_number",
        "case_year",
        "case_court_code",
        "case_type_code",
        "original_court",
        "applicant",
        "agent",
        "applicant_name",
        "applicant_id_masked",
        "request_text",
        "facts_and_reasons",
        "review_of",
    ]
    new_petition = Petition(
        **{name: getattr(petition, name) for name in copy_fields},
        receiving_court=to_court,
        status=Status.SUBMITTED,
        tracking_number=next_tracking_number(to_court, local_date(now).year),
        submitted_at=now,
        receipt_due=receipt.due,
        deadlines_provisional=receipt.provisional,
        transferred_from=petition,
    )
    new_petition.save()
    copy_attachments(petition, new_petition)
    return new_petition
