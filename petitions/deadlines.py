"""The petition's deadlines, counted by the workdays app.

Each lifecycle state has its own running clock; this module computes them
and recounts them when the holiday calendar changes.
"""

import logging

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from workdays.calendar import local_date
from workdays.deadlines import Clock, compute_deadline, resume_deadline

from petitions.events import record_event
from petitions.models import Kind, Petition, Status

logger = logging.getLogger(__name__)

# The state a matter returns to when the correction arrives, by the paused clock.
RESUME_STATUS = {
    Clock.ACCEPTANCE: Status.RECEIVED,
    Clock.HANDLING: Status.ACCEPTED,
    Clock.REVIEW_ANSWER: Status.ACCEPTED,
}
# The field that stores each pausable clock's due date.
DUE_FIELD = {
    Clock.ACCEPTANCE: "acceptance_due",
    Clock.HANDLING: "handling_due",
    Clock.REVIEW_ANSWER: "handling_due",
}
# Matter states whose deadlines a calendar change can move.
RECOUNTED_STATUSES = (
    Status.SUBMITTED,
    Status.RECEIVED,
    Status.AWAITING_CORRECTION,
    Status.ACCEPTED,
    Status.REPLIED,
)
DUE_FIELDS = (
    "receipt_due",
    "acceptance_due",
    "handling_due",
    "correction_due",
    "rating_due",
    "review_request_due",
)


def handling_clock(petition):
    """Return the clock for handling an accepted matter: a review is answered in its own period."""
    return Clock.REVIEW_ANSWER if petition.kind == Kind.REVIEW else Clock.HANDLING


def running_clock(petition):
    """Return the pausable clock running in the current state, or None."""
    if petition.status == Status.RECEIVED:
        return Clock.ACCEPTANCE
    if petition.status == Status.ACCEPTED:
        return handling_clock(petition)
    return None


def expected_deadlines(petition):
    """Return ``({field: due date}, provisional)`` for the deadlines of the current state.

    Recounts from the stored anchors (the time of the step that started each
    clock, the latest resume, the extension), so the result follows the
    current calendar.
    """
    status = petition.status
    if status == Status.SUBMITTED:
        found = {"receipt_due": compute_deadline(Clock.RECEIPT, petition.submitted_at)}
    elif status == Status.RECEIVED:
        found = {"acceptance_due": _running_deadline(petition, Clock.ACCEPTANCE, petition.received_at)}
    elif status == Status.AWAITING_CORRECTION:
        notice = petition.correction_notices.filter(answered_at__isnull=True).order_by("-pk").first()
        if notice is None:
            return {}, False
        found = {"correction_due": compute_deadline(Clock.CORRECTION, notice.created_at)}
    elif status == Status.ACCEPTED:
        found = {"handling_due": _handling_deadline(petition)}
    elif status == Status.REPLIED:
        found = {
            "rating_due": compute_deadline(Clock.RATING, petition.replied_at),
            "review_request_due": compute_deadline(Clock.REVIEW_REQUEST, petition.replied_at),
        }
    else:
        return {}, False

    provisional = any(deadline.provisional for deadline in found.values())
    return {field: deadline.due for field, deadline in found.items()}, provisional


def _running_deadline(petition, clock, started_at):
    if petition.resumed_on is not None:
        return resume_deadline(clock, petition.resumed_remaining_days, petition.resumed_on)
    return compute_deadline(clock, started_at)


def _handling_deadline(petition):
    deadline = _running_deadline(petition, handling_clock(petition), petition.accepted_at)
    extension = getattr(petition, "extension", None) if petition.extension_days else None
    # A resume after the extension already counts the extended days in its remainder.
    if extension is not None and not _resumed_after(petition, extension.created_at):
        deadline = compute_deadline(Clock.HANDLING_EXTENSION, deadline.due, days=extension.days)
    return deadline


def _resumed_after(petition, moment):
    return petition.resumed_on is not None and petition.resumed_on >= local_date(moment)


def recompute_open_deadlines(years):
    """Recount the stored deadlines that a calendar change in ``years`` can move.

    Registered with ``workdays.recompute``. A deadline can move when its
    counting period touches a changed year. Periods are at most a few
    months long, so it is enough to look at due dates in those years and
    the year after. Returns how many petitions changed.
    """
    due_years = set(years) | {year + 1 for year in years}
    touched = Q()
    for field in DUE_FIELDS:
        touched |= Q(**{f"{field}__year__in": due_years})

    changed = 0
    candidates = Petition.objects.filter(touched, status__in=RECOUNTED_STATUSES).order_by("pk")
    for petition in candidates.iterator(chunk_size=500):
        if _recount(petition):
            changed += 1
    logger.info("Recounted deadlines for years %s: %s petitions changed", sorted(years), changed)
    return changed


# The overdue flag that belongs to each due date.
OVERDUE_FIELD = {
    "receipt_due": "receipt_overdue_at",
    "acceptance_due": "acceptance_overdue_at",
    "handling_due": "handling_overdue_at",
}


@transaction.atomic
def _recount(petition):
    expected, provisional = expected_deadlines(petition)
    changes = {field: due for field, due in expected.items() if getattr(petition, field) != due}
    if not changes and petition.deadlines_provisional == provisional:
        return False

    # A deadline that moved back into the future is no longer overdue.
    today = local_date(timezone.now())
    flags = {OVERDUE_FIELD[f]: None for f, due in changes.items() if f in OVERDUE_FIELD and due >= today}

    # A lifecycle write that happened meanwhile wins; its own deadlines are current.
    updated = Petition.objects.filter(pk=petition.pk, version=petition.version).update(
        deadlines_provisional=provisional,
        version=F("version") + 1,
        updated_at=timezone.now(),
        **changes,
        **flags,
    )
    if not updated:
        return False

    if changes:
        details = {field: due.isoformat() for field, due in changes.items()}
        record_event(
            petition,
            None,
            "deadlines_recounted",
            old_status=petition.status,
            new_status=petition.status,
            internal_note=_("Deadlines recounted after a holiday calendar change."),
            details=details,
        )
        logger.info("Petition %s deadlines recounted: %s", petition.pk, sorted(changes))
    return True
