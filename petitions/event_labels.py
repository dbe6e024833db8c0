"""Readable names of event actions, translated when a page is rendered.

Events store a stable action code. Their names are looked up here at display
time, so each reader sees them in their own language. Staff names say who
acted when the applicant did; applicant names address the applicant.
"""

from django.utils.translation import gettext_lazy as _

STAFF_LABELS = {
    "submitted": _("The applicant submitted the matter"),
    "received": _("Registered"),
    "correction_requested": _("Correction requested"),
    "correction_supplied": _("The applicant supplied materials"),
    "accepted": _("Accepted and assigned"),
    "guided_out": _("Guided to the competent body"),
    "declined": _("Not accepted"),
    "transferred": _("Transferred out"),
    "transferred_in": _("Transferred in"),
    "extended": _("Handling period extended"),
    "reply_drafted": _("Reply drafted"),
    "reply_document_attached": _("Reply document uploaded"),
    "reply_submitted": _("Reply submitted for approval"),
    "reply_returned": _("Reply returned for revision"),
    "replied": _("Reply approved and sent"),
    "rated": _("The applicant rated the reply"),
    "closed": _("Closed"),
    "withdrawn": _("The applicant withdrew the matter"),
    "draft_discarded": _("The applicant discarded the draft"),
    "review_requested": _("The applicant requested a review"),
    "deadlines_recounted": _("Deadlines recounted"),
}

APPLICANT_LABELS = {
    "submitted": _("You submitted the matter"),
    "received": _("The court registered the matter"),
    "correction_requested": _("The court asked for more materials"),
    "correction_supplied": _("You supplied materials"),
    "accepted": _("The court accepted the matter"),
    "guided_out": _("The court told you which body handles the matter"),
    "declined": _("The court did not accept the matter"),
    "transferred": _("The matter was transferred to another court"),
    "transferred_in": _("The matter was transferred in from another court"),
    "extended": _("The handling period was extended"),
    "replied": _("The court replied"),
    "rated": _("You rated the reply"),
    "closed": _("The matter was closed"),
    "withdrawn": _("You withdrew the matter"),
    "draft_discarded": _("You discarded the draft"),
    "review_requested": _("You requested a review"),
}

# Actions the applicant (or their agent) takes, as opposed to court staff or the system.
APPLICANT_ACTIONS = frozenset(
    {"submitted", "correction_supplied", "rated", "withdrawn", "draft_discarded", "review_requested"}
)


def staff_label(action):
    """Return the staff-facing name of ``action``, which for the overdue scan is ``overdue_<deadline>``."""
    if action in STAFF_LABELS:
        return STAFF_LABELS[action]
    return _("Deadline passed") if action.startswith("overdue_") else action


def applicant_label(action):
    """Return the applicant-facing name of ``action``, or "" for an action without one."""
    return APPLICANT_LABELS.get(action, "")
