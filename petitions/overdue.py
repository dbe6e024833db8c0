"""Flagging matters whose court-side deadline has passed, and telling the staff responsible.

Each deadline is flagged and notified once. Several workers may scan at the
same time: a worker claims a matter with a conditional UPDATE that sets the
flag only where it is still empty, and only the worker whose UPDATE changed
the row records the event and sends the notices.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from workdays.calendar import local_date

from accounts.roles import Role
from petitions.events import record_event
from petitions.models import Petition, Status
from petitions.services.base import notify_on_commit, staff_with_role

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OverdueRule:
    name: str
    status: str
    due_field: str
    flag_field: str


RULES = (
    OverdueRule("receipt", Status.SUBMITTED, "receipt_due", "receipt_overdue_at"),
    OverdueRule("acceptance", Status.RECEIVED, "acceptance_due", "acceptance_overdue_at"),
    OverdueRule("handling", Status.ACCEPTED, "handling_due", "handling_overdue_at"),
)


def scan_overdue(today=None):
    """Flag and notify every matter past a receipt, acceptance or handling deadline.

    A matter is overdue from the day after its due date. Returns how many
    matters this worker flagged.
    """
    today = today or local_date(timezone.now())
    flagged = 0
    for rule in RULES:
        candidates = Petition.objects.filter(
            status=rule.status,
            **{f"{rule.due_field}__lt": today, f"{rule.flag_field}__isnull": True},
        ).order_by(rule.due_field, "pk")
        for petition_id in candidates.values_list("pk", flat=True).iterator(chunk_size=500):
            if _flag(rule, petition_id, today):
                flagged += 1
    logger.info("Overdue scan for %s flagged %s matters", today.isoformat(), flagged)
    return flagged


@transaction.atomic
def _flag(rule, petition_id, today):
    claimed = Petition.objects.filter(
        pk=petition_id,
        status=rule.status,
        **{f"{rule.due_field}__lt": today, f"{rule.flag_field}__isnull": True},
    ).update(**{rule.flag_field: timezone.now()})
    if not claimed:
        # Another worker flagged it, or the matter moved on meanwhile.
        return False

    petition = Petition.objects.select_related("receiving_court", "handler").get(pk=petition_id)
    due = getattr(petition, rule.due_field)
    record_event(
        petition,
        None,
        f"overdue_{rule.name}",
        old_status=petition.status,
        new_status=petition.status,
        internal_note=_("The %(deadline)s deadline of %(due)s has passed.")
        % {"deadline": _deadline_label(rule.name), "due": due.isoformat()},
        details={"due": due.isoformat()},
    )

    title = _("Matter overdue")
    body = _("Matter %(number)s passed its %(deadline)s deadline on %(due)s.") % {
        "number": petition.tracking_number,
        "deadline": _deadline_label(rule.name),
        "due": due.isoformat(),
    }
    notify_on_commit(responsible_staff(rule, petition), title, body, petition, sms=False)
    logger.info("Petition %s flagged overdue for %s", petition.pk, rule.name)
    return True


def _deadline_label(name):
    labels = {
        "receipt": _("registration"),
        "acceptance": _("acceptance decision"),
        "handling": _("handling"),
    }
    return labels[name]


def responsible_staff(rule, petition):
    """Return who hears about an overdue matter.

    Intake clerks of the receiving court for receipt and acceptance; the
    handler and the heads of the department for handling.
    """
    if rule.name in ("receipt", "acceptance"):
        return staff_with_role(petition.receiving_court_id, Role.INTAKE_CLERK)
    heads = staff_with_role(
        petition.receiving_court_id, Role.DEPARTMENT_HEAD, department_id=petition.department_id
    )
    return [petition.handler, *heads]
