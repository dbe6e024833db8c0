"""Resumable uploads: a large file sent in chunks, resumed after a broken connection.

A client starts an upload session for one file of a matter, then sends the
bytes in order, each chunk with the byte offset where it starts. A client
that lost its connection requests the current offset and continues from
there. When the last byte arrives, the whole file goes through the same
checks as a form upload (type by content, HEIC to JPEG, metadata removed)
and is attached to the matter; a file for the answer to a correction notice
is checked and then kept until the answer is sent with its upload id.

The bytes received so far are kept in a plain file
``MEDIA_ROOT/uploads-in-progress/<session id>.part``, outside the storage
API, because appending to a file at an offset needs a local file. Every
application server must therefore see the same MEDIA_ROOT folder. The file
is deleted when the upload is attached, rejected, cancelled or purged.
"""

import contextlib
import logging
import os
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Count, Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from api.errors import ApiError, not_found
from api.matters import party_petition
from api.models import UploadSession
from petitions import services
from petitions.attachments import add_attachments, check_content, upload_limits
from petitions.errors import InvalidTransition, ValidationFailed
from petitions.models import Attachment, Status
from petitions.permissions import is_party

logger = logging.getLogger(__name__)

SESSION_LIFETIME = timedelta(hours=24)
PARTIAL_FOLDER = "uploads-in-progress"
MB = 1024 * 1024
# The purpose of a file for the answer to a correction notice; every other purpose is an attachment kind.
SUPPLEMENT = "supplement"
ATTACHMENT_PURPOSES = [kind for kind in Attachment.Kind.values if kind != Attachment.Kind.REPLY_DOCUMENT]
PURPOSES = [*ATTACHMENT_PURPOSES, SUPPLEMENT]
# Sessions whose file still takes room on the matter: being sent, or held for the answer.
OPEN_STATUSES = (UploadSession.Status.RECEIVING, UploadSession.Status.COMPLETE)


def max_chunk_bytes():
    """Return the largest chunk one request may carry (setting API_UPLOAD_MAX_CHUNK_BYTES)."""
    return getattr(settings, "API_UPLOAD_MAX_CHUNK_BYTES", 5 * MB)


def partial_folder():
    return Path(settings.MEDIA_ROOT) / PARTIAL_FOLDER


def partial_path(session):
    """Return the path of the temporary file that contains the bytes received for ``session``."""
    return partial_folder() / f"{session.pk.hex}.part"


def delete_partial(session):
    with contextlib.suppress(FileNotFoundError):
        partial_path(session).unlink()


# Starting an upload


def start_upload(user, petition_id, *, purpose, name, size):
    """Create and return an UploadSession for one file of ``size`` bytes.

    The size is checked against the upload limits before any byte is sent.
    Raises Http404 (not a party to the matter), InvalidTransition (the
    matter takes no files for this purpose now) or ValidationFailed.
    """
    petition = party_petition(user, petition_id)
    needed = Status.AWAITING_CORRECTION if purpose == SUPPLEMENT else Status.DRAFT
    if petition.status != needed:
        raise InvalidTransition()

    limits = upload_limits()
    if size > limits.max_file_bytes:
        message = _(
            "The file “%(name)s” is larger than %(size)s. Upload a smaller file or a photo at lower resolution."
        ) % {"name": name, "size": filesizeformat(limits.max_file_bytes)}
        raise ValidationFailed("size", message, code="file_too_large")
    _check_room(petition, size, limits)

    session = UploadSession.objects.create(
        user=user,
        petition=petition,
        purpose=purpose,
        original_name=name,
        size=size,
        expires_at=timezone.now() + SESSION_LIFETIME,
    )
    partial_folder().mkdir(parents=True, exist_ok=True)
    partial_path(session).touch()
    logger.info("Upload %s of %s bytes started for petition %s", session.pk, size, petition.pk)
    return session


def _check_room(petition, size, limits):
    """Reject a file that would pass the matter's file count or total size, counting unfinished uploads."""
    stored = petition.attachments.exclude(kind=Attachment.Kind.REPLY_DOCUMENT).aggregate(
        count=Count("pk"), total=Sum("size")
    )
    pending = UploadSession.objects.filter(
        petition=petition, status__in=OPEN_STATUSES, expires_at__gt=timezone.now()
    ).aggregate(count=Count("pk"), total=Sum("size"))

    if stored["count"] + pending["count"] + 1 > limits.max_files:
        message = _(
            "A matter can have at most %(count)s files, counting unfinished uploads. "
            "Remove a file, cancel an unfinished upload or combine pages into one PDF."
        ) % {"count": limits.max_files}
        raise ValidationFailed("size", message, code="too_many_files")

    total = (stored["total"] or 0) + (pending["total"] or 0) + size
    if total > limits.max_total_bytes:
        message = _(
            "All files of a matter together may be at most %(size)s, counting unfinished uploads. "
            "Upload a smaller file."
        ) % {"size": filesizeformat(limits.max_total_bytes)}
        raise ValidationFailed("size", message, code="total_too_large")


# Reading and cancelling


def _session_for(user, upload_id, *, lock=False):
    """Return the user's session; raise 404 for anyone else and 410 once it expired."""
    sessions = UploadSession.objects.select_related("petition")
    if lock:
        sessions = sessions.select_for_update(of=("self",))
    session = sessions.filter(pk=upload_id, user=user).first()
    # The user must still be a party: an agent whose mandate ended loses the upload.
    if session is None or not is_party(user, session.petition):
        raise not_found()
    if session.expires_at <= timezone.now():
        message = _("This upload expired 24 hours after it started. Start a new upload and send the file again.")
        raise ApiError("upload_expired", message, status_code=410)
    return session


def get_upload(user, upload_id):
    """Return the user's UploadSession; raise 404 (someone else's or unknown) or 410 (expired)."""
    return _session_for(user, upload_id)


@transaction.atomic
def cancel_upload(user, upload_id):
    """Delete an upload that is not attached yet, with its bytes, so its room on the matter is free again."""
    session = _session_for(user, upload_id, lock=True)
    if session.status == UploadSession.Status.ATTACHED:
        message = _("This file is already attached to the matter and cannot be cancelled here.")
        raise ApiError("upload_attached", message, status_code=409)
    path = partial_path(session)
    session.delete()
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


# Receiving chunks


def receive_chunk(user, upload_id, offset, chunk):
    """Write ``chunk`` at byte ``offset`` and return the session with its new offset.

    A chunk that repeats bytes already received (a retry after a lost
    response) is compared and skipped, not rejected. When the last byte
    arrives, the file is checked and attached or held; a rejected file
    raises ValidationFailed and stays rejected for later requests.
    """
    with transaction.atomic():
        # The row lock orders concurrent chunks of one upload, so each writes after the previous one.
        session = _session_for(user, upload_id, lock=True)
        _raise_if_rejected(session)
        _write_chunk(session, offset, chunk)
        if session.offset < session.size or session.status != UploadSession.Status.RECEIVING:
            return session

        try:
            with transaction.atomic():
                _complete(session)
        except (ValidationFailed, InvalidTransition) as error:
            _reject(session, error)
            rejection = error
        else:
            return session
    # Raised after the block, so that the rejection recorded by _reject is committed.
    raise rejection


def _raise_if_rejected(session):
    if session.status == UploadSession.Status.REJECTED:
        status_code = 409 if session.error_code == InvalidTransition.code else 400
        raise ApiError(session.error_code, session.error_message, status_code=status_code, field="files")


def _write_chunk(session, offset, chunk):
    received = session.offset
    if offset > received:
        raise _offset_mismatch(session, offset)
    if offset + len(chunk) > session.size:
        message = _("The chunk ends at byte %(end)s, after the declared size of %(size)s bytes.") % {
            "end": offset + len(chunk),
            "size": session.size,
        }
        raise ApiError("chunk_beyond_size", message, field="Upload-Offset")
    if session.status == UploadSession.Status.ATTACHED:
        # NOTE: the temporary file is gone once the file is attached, so a repeated chunk
        # gets the final offset without a comparison of its bytes.
        return

    path = partial_path(session)
    try:
        handle = path.open("r+b")
    except FileNotFoundError:
        # The temporary file is gone (a MEDIA_ROOT not shared between servers, or removed by hand).
        logger.warning("Temporary file of upload %s is missing", session.pk)
        message = _("The bytes received for this upload were lost. Start a new upload and send the file again.")
        raise ApiError("upload_lost", message, status_code=410) from None

    with handle:
        repeated = min(received - offset, len(chunk))
        if repeated:
            handle.seek(offset)
            if handle.read(repeated) != chunk[:repeated]:
                raise _offset_mismatch(session, offset)
        new_bytes = chunk[repeated:]
        if not new_bytes:
            return
        # Bytes past the recorded offset are left over from a request that failed before the row was saved.
        handle.truncate(received)
        handle.seek(received)
        handle.write(new_bytes)
        handle.flush()
        os.fsync(handle.fileno())

    session.offset = received + len(new_bytes)
    session.save(update_fields=["offset"])


def _offset_mismatch(session, offset):
    message = _(
        "This upload has received %(received)s bytes, so the next chunk must start at byte %(received)s, "
        "not %(offset)s. Ask for the current offset and resume from there."
    ) % {"received": session.offset, "offset": offset}
    return ApiError(
        "upload_offset_mismatch",
        message,
        status_code=409,
        field="Upload-Offset",
        headers={"Upload-Offset": str(session.offset)},
    )


def _complete(session):
    path = partial_path(session)
    if session.purpose == SUPPLEMENT:
        if session.petition.status != Status.AWAITING_CORRECTION:
            raise InvalidTransition()
        # Checked now so the client learns of a bad file at once; the answer checks it again when stored.
        check_content(session.original_name, path.read_bytes())
        session.status = UploadSession.Status.COMPLETE
        session.save(update_fields=["status"])
        logger.info("Upload %s complete, held for the answer to a correction notice", session.pk)
        return

    if session.petition.status != Status.DRAFT:
        raise InvalidTransition()
    with path.open("rb") as handle:
        attachment = add_attachments(
            session.user, session.petition, [File(handle, name=session.original_name)], kind=session.purpose
        )[0]
    session.status = UploadSession.Status.ATTACHED
    session.attachment = attachment
    session.save(update_fields=["status", "attachment"])
    transaction.on_commit(lambda: delete_partial(session))
    logger.info("Upload %s attached as attachment %s", session.pk, attachment.pk)


def _reject(session, error):
    session.status = UploadSession.Status.REJECTED
    session.error_code = error.code
    session.error_message = str(error.message)
    session.save(update_fields=["status", "error_code", "error_message"])
    delete_partial(session)
    logger.info("Upload %s rejected at completion: %s", session.pk, error.code)


# Answering a correction notice


def supplement_with_uploads(user, petition, *, text, files, upload_ids):
    """Answer the open correction notice with text, form files and completed uploads.

    The uploads must be the user's, for this matter's answer, and complete;
    otherwise ValidationFailed names the field ``uploads``. Their temporary
    files are deleted once the answer is stored.
    """
    with transaction.atomic():
        sessions = _held_sessions(user, petition, upload_ids)
        with contextlib.ExitStack() as stack:
            held = [
                File(stack.enter_context(partial_path(session).open("rb")), name=session.original_name)
                for session in sessions
            ]
            petition = services.supplement(user, petition, text=text, files=[*files, *held])

        UploadSession.objects.filter(pk__in=[session.pk for session in sessions]).update(
            status=UploadSession.Status.ATTACHED
        )
        transaction.on_commit(lambda: [delete_partial(session) for session in sessions])
    return petition


def _held_sessions(user, petition, upload_ids):
    unique_ids = list(dict.fromkeys(upload_ids))
    found = {
        session.pk: session
        for session in UploadSession.objects.select_for_update().filter(
            pk__in=unique_ids, user=user, petition=petition, purpose=SUPPLEMENT, expires_at__gt=timezone.now()
        )
    }
    sessions = []
    for upload_id in unique_ids:
        session = found.get(upload_id)
        if session is None:
            message = _(
                "Upload %(id)s was not found for this answer, or it expired. Start a new upload for the file."
            ) % {"id": upload_id}
            raise ValidationFailed("uploads", message, code="upload_not_found")
        if session.status != UploadSession.Status.COMPLETE:
            message = _(
                "The file “%(name)s” has not been fully uploaded (%(received)s of %(size)s bytes). "
                "Finish the upload first."
            ) % {"name": session.original_name, "received": session.offset, "size": session.size}
            raise ValidationFailed("uploads", message, code="upload_incomplete")
        sessions.append(session)
    return sessions


# Cleanup


def delete_expired(now=None):
    """Delete upload sessions that expired before ``now`` with their temporary files; return how many.

    Temporary files without a session (left by a crash between creating the
    row and the file) are deleted too once they are older than a session lives.
    """
    now = now or timezone.now()
    expired = list(UploadSession.objects.filter(expires_at__lte=now))
    for session in expired:
        delete_partial(session)
    deleted, _by_model = UploadSession.objects.filter(pk__in=[session.pk for session in expired]).delete()

    folder = partial_folder()
    if folder.is_dir():
        cutoff = (now - SESSION_LIFETIME).timestamp()
        live = {session_id.hex for session_id in UploadSession.objects.values_list("pk", flat=True)}
        for path in folder.glob("*.part"):
            if path.stem not in live and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
    return deleted
