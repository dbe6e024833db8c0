"""The document that goes with an answer: uploaded by the handler or previewed from the text.

On approval the reply keeps an uploaded document; a reply without one gets
the letter generated from its text (see ``replies.mark_replied``).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from petitions.attachments import add_attachment, check_content, read_upload, upload_limits, uploaded_name
from petitions.documents import render_reply_letter
from petitions.errors import InvalidTransition, ValidationFailed
from petitions.events import record_event
from petitions.models import Attachment, Reply, Status
from petitions.permissions import require_assigned, require_staff
from petitions.services.replies import EDITABLE_REPLY_STATUSES, current_reply, draft_reply

# Reply documents are letters, so images are not accepted here.
DOCUMENT_TYPES = (
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)


def _editable_reply(actor, petition):
    membership = require_staff(actor, petition, Role.HANDLER, Role.DEPARTMENT_HEAD)
    if petition.status != Status.ACCEPTED:
        raise InvalidTransition()
    require_assigned(actor, membership, petition)
    reply = current_reply(petition)
    if reply is None or reply.status not in EDITABLE_REPLY_STATUSES:
        raise InvalidTransition(_("There is no draft reply to attach the document to."), code="no_draft_reply")
    return reply


def _previewable_reply(actor, petition):
    membership = require_staff(actor, petition, Role.HANDLER, Role.DEPARTMENT_HEAD)
    if petition.status != Status.ACCEPTED:
        raise InvalidTransition()
    require_assigned(actor, membership, petition)
    reply = current_reply(petition)
    if reply is None or reply.status not in (*EDITABLE_REPLY_STATUSES, Reply.Status.PENDING_APPROVAL):
        raise InvalidTransition(_("There is no draft reply to preview."), code="no_draft_reply")
    return reply


@transaction.atomic
def attach_reply_document(actor, petition, uploaded):
    """Store a PDF or Word file as the document of the draft reply; return the Attachment.

    Raises ValidationFailed (field "document") for any other type, and the
    errors of ``attachments.add_attachments`` for size limits.
    """
    reply = _editable_reply(actor, petition)
    try:
        # The type is checked before anything is stored.
        checked = check_content(uploaded_name(uploaded), read_upload(uploaded, upload_limits()))
        if checked.content_type not in DOCUMENT_TYPES:
            message = _("The reply document must be a PDF or Word file.")
            raise ValidationFailed("document", message, code="unsupported_type")
        document = add_attachment(actor, petition, uploaded, kind=Attachment.Kind.REPLY_DOCUMENT)
    except ValidationFailed as error:
        raise ValidationFailed("document", error.message, code=error.code) from None

    Reply.objects.filter(pk=reply.pk).update(document=document, updated_at=timezone.now())
    record_event(
        petition,
        actor,
        "reply_document_attached",
        old_status=petition.status,
        new_status=petition.status,
        details={"reply": reply.pk, "document": document.pk},
    )
    return document


@transaction.atomic
def save_reply_draft(actor, petition, *, text, document=None):
    """Save the draft answer and, when given, its uploaded document together; return the Reply."""
    reply = draft_reply(actor, petition, text=text)
    if document is not None:
        attach_reply_document(actor, petition, document)
        reply.refresh_from_db()
    return reply


def preview_reply_letter(actor, petition):
    """Return ``(file name, PDF bytes)`` of the letter generated from the draft reply, dated today.

    Nothing is stored: the letter sent to the applicant is generated again on approval.
    The department head may also preview a reply that awaits their approval.
    """
    reply = _previewable_reply(actor, petition)
    content = render_reply_letter(petition, reply, replied_at=timezone.now())
    name = _("Reply draft %(number)s.pdf") % {"number": petition.tracking_number}
    return name, content
