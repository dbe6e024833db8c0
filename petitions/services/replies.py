"""Handling an accepted matter: extension, reply drafting and approval."""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from workdays.deadlines import Clock, compute_deadline, policy_for

from accounts.roles import Role
from petitions.documents import store_reply_letter
from notifications.texts import NoticeText
from petitions.errors import ConcurrentChange, InvalidTransition, ValidationFailed
from petitions.events import record_event
from petitions.models import Extension, Reply, Status
from petitions.permissions import require_assigned, require_heads_department, require_staff
from petitions.services.base import notify_on_commit, staff_with_role, touch, transition

MAX_REPLY_LENGTH = 20000
# Replies the handler may still edit.
EDITABLE_REPLY_STATUSES = (Reply.Status.DRAFT, Reply.Status.RETURNED)


def mark_replied(petition, actor, reply, *, action, public_message):
    """Move the matter to ``replied``: store the reply letter and start the rating and review clocks."""
    now = timezone.now()
    rating = compute_deadline(Clock.RATING, now)
    review = compute_deadline(Clock.REVIEW_REQUEST, now)
    # A document the handler uploaded is the letter; otherwise it is generated from the text.
    document = reply.document if reply.document_id else store_reply_letter(petition, reply, replied_at=now)
    Reply.objects.filter(pk=reply.pk).update(document=document)

    transition(
        petition,
        actor,
        action,
        from_statuses=[Status.RECEIVED, Status.ACCEPTED],
        to_status=Status.REPLIED,
        changes={
            "replied_at": now,
            "rating_due": rating.due,
            "review_request_due": review.due,
            "deadlines_provisional": rating.provisional or review.provisional,
        },
        public_message=public_message,
        details={"reply": reply.pk, "document": document.pk},
    )

    notify_on_commit(
        petition.parties(),
        NoticeText(gettext_noop("Reply ready")),
        NoticeText(
            gettext_noop("The court replied to matter %(number)s. Please read the reply and rate it by %(due)s."),
            number=petition.tracking_number,
            due=rating.due,
        ),
        petition,
    )
    return petition


@transaction.atomic
def extend(actor, petition, *, days, reason):
    """Extend the handling period once by ``days`` (at most the policy maximum); department head only.

    The reason is shown to the applicant.
    """
    membership = require_staff(actor, petition, Role.DEPARTMENT_HEAD)
    if petition.status != Status.ACCEPTED:
        raise InvalidTransition()
    require_heads_department(membership, petition)
    if petition.extension_days or Extension.objects.filter(petition=petition).exists():
        raise InvalidTransition(_("The handling period was already extended once."), code="already_extended")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("reason", _("Give the reason; the applicant will see it."), code="required")

    max_days = max_extension_days(petition)
    if not isinstance(days, int) or days < 1 or days > max_days:
        message = _("Extend by 1 to %(max)s days.") % {"max": max_days}
        raise ValidationFailed("days", message, code="out_of_range")

    extended = compute_deadline(Clock.HANDLING_EXTENSION, petition.handling_due, days=days)
    Extension.objects.create(
        petition=petition,
        days=days,
        reason=reason,
        previous_due=petition.handling_due,
        new_due=extended.due,
        approved_by=actor,
    )
    old_status = petition.status
    touch(
        petition,
        {
            "extension_days": days,
            "handling_due": extended.due,
            "handling_overdue_at": None,
            "deadlines_provisional": extended.provisional,
        },
    )
    record_event(
        petition,
        actor,
        "extended",
        old_status=old_status,
        new_status=old_status,
        public_message=_("The handling period was extended to %(due)s. Reason: %(reason)s")
        % {"due": formats.date_format(extended.due), "reason": reason},
        details={"days": days, "new_due": extended.due.isoformat()},
    )

    notify_on_commit(
        petition.parties(),
        NoticeText(gettext_noop("Handling period extended")),
        NoticeText(
            gettext_noop("Matter %(number)s: the court will reply by %(due)s. Reason: %(reason)s"),
            number=petition.tracking_number,
            due=extended.due,
            reason=reason,
        ),
        petition,
    )
    return petition


def max_extension_days(petition):
    """Return the most days the handling period may be extended by, from the policy at acceptance."""
    handling = policy_for(Clock.HANDLING, petition.accepted_at or timezone.now())
    if handling.max_extension is not None:
        return handling.max_extension
    return policy_for(Clock.HANDLING_EXTENSION, petition.accepted_at or timezone.now()).length


def current_reply(petition):
    """Return the reply being worked on (not yet approved), or None."""
    return petition.replies.filter(kind=Reply.Kind.ANSWER).exclude(status=Reply.Status.APPROVED).order_by("-pk").first()


@transaction.atomic
def draft_reply(actor, petition, *, text):
    """Create or update the draft reply and return it. Only the handler or a department head may."""
    membership = require_staff(actor, petition, Role.HANDLER, Role.DEPARTMENT_HEAD)
    if petition.status != Status.ACCEPTED:
        raise InvalidTransition()
    require_assigned(actor, membership, petition)
    text = (text or "").strip()
    if not text:
        raise ValidationFailed("text", _("Write the reply."), code="required")
    if len(text) > MAX_REPLY_LENGTH:
        message = _("The reply may be at most %(max)s characters.") % {"max": MAX_REPLY_LENGTH}
        raise ValidationFailed("text", message, code="too_long")

    reply = current_reply(petition)
    if reply is None:
        reply = Reply.objects.create(petition=petition, text=text, drafted_by=actor)
    elif reply.status in EDITABLE_REPLY_STATUSES:
        _move_reply(reply, reply.status, Reply.Status.DRAFT, text=text, drafted_by=actor)
    else:
        raise InvalidTransition(_("The reply is waiting for approval and cannot be edited."), code="reply_pending")

    record_event(
        petition,
        actor,
        "reply_drafted",
        old_status=petition.status,
        new_status=petition.status,
        details={"reply": reply.pk},
    )
    return reply


@transaction.atomic
def submit_reply_for_approval(actor, petition):
    """Send the draft reply to the department head for approval."""
    membership = require_staff(actor, petition, Role.HANDLER, Role.DEPARTMENT_HEAD)
    if petition.status != Status.ACCEPTED:
        raise InvalidTransition()
    require_assigned(actor, membership, petition)
    reply = current_reply(petition)
    if reply is None or reply.status not in EDITABLE_REPLY_STATUSES:
        raise InvalidTransition(_("There is no draft reply to submit."), code="no_draft_reply")

    _move_reply(reply, reply.status, Reply.Status.PENDING_APPROVAL)
    record_event(
        petition,
        actor,
        "reply_submitted",
        old_status=petition.status,
        new_status=petition.status,
        details={"reply": reply.pk},
    )

    notify_on_commit(
        staff_with_role(petition.receiving_court_id, Role.DEPARTMENT_HEAD, department_id=petition.department_id),
        NoticeText(gettext_noop("Reply awaiting approval")),
        NoticeText(
            gettext_noop("The reply to matter %(number)s awaits your approval."), number=petition.tracking_number
        ),
        petition,
        sms=False,
    )
    return reply


@transaction.atomic
def approve_reply(actor, petition):
    """Approve the pending reply, so the matter becomes ``replied`` and the parties are notified."""
    membership = require_staff(actor, petition, Role.DEPARTMENT_HEAD)
    if petition.status != Status.ACCEPTED:
        raise InvalidTransition()
    require_heads_department(membership, petition)
    reply = _pending_reply(petition)

    now = timezone.now()
    _move_reply(reply, Reply.Status.PENDING_APPROVAL, Reply.Status.APPROVED, approved_by=actor, approved_at=now)
    reply.refresh_from_db()
    mark_replied(petition, actor, reply, action="replied", public_message=reply.text)

    notify_on_commit(
        [petition.handler],
        NoticeText(gettext_noop("Reply approved")),
        NoticeText(
            gettext_noop("The reply to matter %(number)s was approved and sent."), number=petition.tracking_number
        ),
        petition,
        sms=False,
    )
    return reply


@transaction.atomic
def return_reply(actor, petition, *, note):
    """Return the pending reply to the handler with a note saying what to change."""
    membership = require_staff(actor, petition, Role.DEPARTMENT_HEAD)
    if petition.status != Status.ACCEPTED:
        raise InvalidTransition()
    require_heads_department(membership, petition)
    reply = _pending_reply(petition)
    note = (note or "").strip()
    if not note:
        raise ValidationFailed("note", _("Say what the handler should change."), code="required")

    _move_reply(reply, Reply.Status.PENDING_APPROVAL, Reply.Status.RETURNED, return_note=note)
    record_event(
        petition,
        actor,
        "reply_returned",
        old_status=petition.status,
        new_status=petition.status,
        internal_note=note,
        details={"reply": reply.pk},
    )

    notify_on_commit(
        [petition.handler],
        NoticeText(gettext_noop("Reply returned")),
        NoticeText(
            gettext_noop("The reply to matter %(number)s was returned: %(note)s"),
            number=petition.tracking_number,
            note=note,
        ),
        petition,
        sms=False,
    )
    return reply


def _pending_reply(petition):
    reply = current_reply(petition)
    if reply is None or reply.status != Reply.Status.PENDING_APPROVAL:
        raise InvalidTransition(_("No reply is waiting for approval."), code="no_pending_reply")
    return reply


def _move_reply(reply, old_status, new_status, **changes):
    """Change the reply's status with a conditional update, like the petition's transitions."""
    updated = Reply.objects.filter(pk=reply.pk, status=old_status).update(
        status=new_status, updated_at=timezone.now(), **changes
    )
    if updated != 1:
        raise ConcurrentChange()
    reply.status = new_status
    for name, value in changes.items():
        setattr(reply, name, value)
