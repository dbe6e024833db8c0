"""Helpers shared by the applicant and staff pages, and the attachment download."""

import logging
from dataclasses import dataclass
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from workdays.calendar import local_date

from accounts import access
from petitions.attachments import open_attachment_for
from petitions.models import Status
from petitions.permissions import is_party

logger = logging.getLogger(__name__)


def today():
    return local_date(timezone.now())


def format_date(value):
    """Return ``value`` as a date in the active language, for example 2026年3月5日."""
    return formats.date_format(value) if value else ""


def add_domain_errors(form, error, field_map=None):
    """Put every problem of a ``ValidationFailed`` next to its form field.

    ``field_map`` renames domain field names to form field names. A field the
    form does not have becomes a form-wide error, so no message is lost.
    """
    field_map = field_map or {}
    for field, message, code in error.errors:
        name = field_map.get(field, field)
        target = name if name in form.fields else None
        form.add_error(target, ValidationError(message, code=code))


@dataclass(frozen=True)
class Progress:
    """The applicant's summary of a matter: its status in plain words and the next step."""

    status_text: str
    next_step: str
    due: object = None
    overdue: bool = False


def progress(petition, on_date=None):
    """Return the plain-words status and the next step with its date."""
    on_date = on_date or today()
    builder = _PROGRESS.get(petition.status, _progress_closed)
    return builder(petition, on_date)


def _progress_draft(petition, on_date):
    return Progress(_("Draft, not yet submitted"), _("Finish the form and submit it; the court sees nothing before that."))


def _progress_submitted(petition, on_date):
    due = petition.receipt_due
    return Progress(
        _("Submitted, waiting for the court to register it"),
        _("The court will register your matter by %(date)s.") % {"date": format_date(due)},
        due,
        _is_late(due, on_date),
    )


def _progress_received(petition, on_date):
    due = petition.acceptance_due
    return Progress(
        _("Registered, the court is deciding whether to accept it"),
        _("The court will decide by %(date)s whether to accept your matter.") % {"date": format_date(due)},
        due,
        _is_late(due, on_date),
    )


def _progress_awaiting_correction(petition, on_date):
    due = petition.correction_due
    return Progress(
        _("The court needs more materials from you"),
        _("Please supply the materials listed below by %(date)s.") % {"date": format_date(due)},
        due,
        _is_late(due, on_date),
    )


def _progress_accepted(petition, on_date):
    due = petition.handling_due
    text = _("The court will reply by %(date)s.") % {"date": format_date(due)}
    if petition.extension_used:
        text = _("The handling period was extended; the court will reply by %(date)s.") % {
            "date": format_date(due)
        }
    return Progress(_("Accepted, the court is handling it"), text, due, _is_late(due, on_date))


def _progress_replied(petition, on_date):
    due = petition.rating_due
    if due and on_date <= due and not hasattr(petition, "rating"):
        text = _("Please read the reply below and rate it by %(date)s.") % {"date": format_date(due)}
    else:
        text = _("Please read the reply below.")
    return Progress(_("The court has replied"), text, due)


def _progress_transferred(petition, on_date):
    transfer = getattr(petition, "transfer", None)
    if transfer is None:
        return Progress(_("Transferred to another court"), "")
    text = _("%(court)s now handles it under tracking number %(number)s.") % {
        "court": transfer.to_court.name,
        "number": transfer.new_petition.tracking_number,
    }
    return Progress(_("Transferred to another court"), text)


def _progress_withdrawn(petition, on_date):
    return Progress(_("Withdrawn"), _("You withdrew this matter. It stays here for your records."))


def _progress_closed(petition, on_date):
    return Progress(_("Finished"), _("This matter is finished. It stays here for your records."))


def _is_late(due, on_date):
    return due is not None and due < on_date


_PROGRESS = {
    Status.DRAFT: _progress_draft,
    Status.SUBMITTED: _progress_submitted,
    Status.RECEIVED: _progress_received,
    Status.AWAITING_CORRECTION: _progress_awaiting_correction,
    Status.ACCEPTED: _progress_accepted,
    Status.REPLIED: _progress_replied,
    Status.TRANSFERRED: _progress_transferred,
    Status.WITHDRAWN: _progress_withdrawn,
    Status.CLOSED: _progress_closed,
}


def content_disposition(filename):
    """Return an attachment Content-Disposition that keeps a Chinese file name (RFC 6266 / RFC 5987).

    Old clients read the ASCII ``filename``; current browsers read ``filename*``.
    """
    if filename.isascii():
        fallback = "".join(ch if ch.isprintable() and ch not in '\\"' else "_" for ch in filename)
    else:
        extension = filename.rsplit(".", 1)[-1] if "." in filename else ""
        fallback = f"download.{extension}" if extension and extension.isascii() else "download"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@require_GET
@login_required
def download(request, pk, attachment_id):
    """Stream an attachment of a petition the user may see; everyone else gets 404."""
    attachment, handle = open_attachment_for(request.user, pk, attachment_id)

    petition = attachment.petition
    if not is_party(request.user, petition) and access.staff_membership(request.user) is not None:
        access.log_personal_data_access(
            request.user, petition.applicant, ["attachment"], f"download attachment {attachment.pk}"
        )

    response = FileResponse(handle, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
