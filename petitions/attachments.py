"""Uploading and downloading petition attachments.

The type of a file is decided by its content, never by its name: PDF,
JPEG, PNG, HEIC/HEIF (converted to JPEG), Word .docx and legacy .doc are
accepted, everything else is rejected. Images are re-encoded so that EXIF
data (camera, GPS position) never reaches the storage.
"""

import hashlib
import io
import logging
import os
import zipfile
from dataclasses import dataclass

import filetype
import pillow_heif
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from petitions.errors import InvalidTransition, NotAllowed, ValidationFailed
from petitions.models import Attachment, Status
from petitions.permissions import acting_membership, is_party

logger = logging.getLogger(__name__)

pillow_heif.register_heif_opener()

MB = 1024 * 1024
OLE_HEADER = bytes.fromhex("D0CF11E0A1B11AE1")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Stored type and file extension for each accepted kind of content.
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    DOCX_TYPE: "docx",
    "application/msword": "doc",
}
ALLOWED_TYPES_LABEL = "PDF, JPG, PNG, HEIC, Word (.doc, .docx)"
# The states in which a party may add files: while writing the matter and
# while answering a correction notice.
PARTY_UPLOAD_STATUSES = (Status.DRAFT, Status.AWAITING_CORRECTION)


@dataclass(frozen=True)
class UploadLimits:
    max_file_bytes: int
    max_total_bytes: int
    max_files: int


def upload_limits():
    """Return the limits from settings (PETITION_UPLOAD_*), read at call time."""
    return UploadLimits(
        max_file_bytes=getattr(settings, "PETITION_UPLOAD_MAX_FILE_BYTES", 20 * MB),
        max_total_bytes=getattr(settings, "PETITION_UPLOAD_MAX_TOTAL_BYTES", 100 * MB),
        max_files=getattr(settings, "PETITION_UPLOAD_MAX_FILES", 20),
    )


def upload_help_text():
    """Return the sentence that tells users which files they may upload."""
    limits = upload_limits()
    return _(
        "Allowed types: %(types)s. Up to %(files)s files, each at most %(file_size)s, "
        "%(total_size)s in total."
    ) % {
        "types": ALLOWED_TYPES_LABEL,
        "files": limits.max_files,
        "file_size": filesizeformat(limits.max_file_bytes),
        "total_size": filesizeformat(limits.max_total_bytes),
    }


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str


def read_upload(uploaded, limits):
    """Read an uploaded file into memory, rejecting it as soon as it passes the size limit."""
    size = getattr(uploaded, "size", None)
    name = uploaded_name(uploaded)
    if size is not None and size > limits.max_file_bytes:
        raise _too_large(name, limits)

    uploaded.seek(0)
    content = uploaded.read(limits.max_file_bytes + 1)
    if len(content) > limits.max_file_bytes:
        raise _too_large(name, limits)
    if not content:
        raise ValidationFailed("files", _("The file “%(name)s” is empty.") % {"name": name}, code="empty_file")
    return content


def _too_large(name, limits):
    message = _("The file “%(name)s” is larger than %(size)s. Upload a smaller file or a scan at lower resolution.") % {
        "name": name,
        "size": filesizeformat(limits.max_file_bytes),
    }
    return ValidationFailed("files", message, code="file_too_large")


def uploaded_name(uploaded):
    """Return the uploader's file name without any folder part, for display only."""
    name = os.path.basename((getattr(uploaded, "name", "") or "").replace("\\", "/"))
    return name[:255] or _("unnamed file")


def check_content(name, content):
    """Return the CheckedFile for accepted content, converting and cleaning images.

    Raises ValidationFailed naming the file and the allowed types otherwise.
    """
    if content.startswith(OLE_HEADER):
        return CheckedFile(content, "application/msword", "doc")
    if content.startswith(b"PK\x03\x04") and _is_docx(content):
        return CheckedFile(content, DOCX_TYPE, "docx")

    kind = filetype.guess(content)
    mime = kind.mime if kind else ""
    if mime == "application/pdf" and b"%%EOF" in content[-2048:]:
        return CheckedFile(content, mime, "pdf")
    if mime in ("image/jpeg", "image/png", "image/heic", "image/heif"):
        return _clean_image(name, content)
    raise _unsupported(name)


def _is_docx(content):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


# File name extensions of the accepted types, with the type's name in messages.
TYPE_NAME_BY_EXTENSION = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "heic": "HEIC",
}


def _unsupported(name):
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    type_name = TYPE_NAME_BY_EXTENSION.get(extension)
    if type_name:
        # The name promises an accepted type but the content is something else,
        # often a file renamed by hand or a damaged download.
        message = _(
            "The file “%(name)s” is named like a %(type)s file, but its content is not a real %(type)s file. "
            "Export or scan the document again as %(type)s and upload the new file. Allowed types: %(types)s."
        ) % {"name": name, "type": type_name, "types": ALLOWED_TYPES_LABEL}
    else:
        message = _("The file “%(name)s” is not an accepted type. Allowed types: %(types)s.") % {
            "name": name,
            "types": ALLOWED_TYPES_LABEL,
        }
    return ValidationFailed("files", message, code="unsupported_type")


def _clean_image(name, content):
    """Re-encode the image without metadata. HEIC/HEIF becomes JPEG, which every browser shows."""
    try:
        with Image.open(io.BytesIO(content)) as opened:
            opened.load()
            source_format = opened.format
            # Apply the EXIF orientation before the metadata goes, so photos stay upright.
            image = ImageOps.exif_transpose(opened)
    except (UnidentifiedImageError, OSError, ValueError) as error:
        logger.info("Rejected an unreadable image upload: %s", error)
        raise _unsupported(name) from error

    # Pillow writes some metadata (comment, XMP) from image.info; start from nothing.
    image.info = {}
    output = io.BytesIO()
    if source_format == "PNG":
        image.save(output, format="PNG")
        return CheckedFile(output.getvalue(), "image/png", "png")
    image.convert("RGB").save(output, format="JPEG", quality=90)
    return CheckedFile(output.getvalue(), "image/jpeg", "jpg")


def _check_room(petition, count, size, limits):
    stored = petition.attachments.exclude(kind=Attachment.Kind.REPLY_DOCUMENT)
    if stored.count() + count > limits.max_files:
        message = _("A matter can have at most %(count)s files. Remove a file or combine pages into one PDF.") % {
            "count": limits.max_files
        }
        raise ValidationFailed("files", message, code="too_many_files")

    total = (stored.aggregate(total=Sum("size"))["total"] or 0) + size
    if total > limits.max_total_bytes:
        message = _("All files of a matter together may be at most %(size)s. Upload smaller files.") % {
            "size": filesizeformat(limits.max_total_bytes)
        }
        raise ValidationFailed("files", message, code="total_too_large")


def can_upload(user, petition, kind):
    if kind == Attachment.Kind.REPLY_DOCUMENT:
        return acting_membership(user, petition, "handler", "department_head") is not None
    return is_party(user, petition)


@transaction.atomic
def add_attachments(user, petition, files, *, kind=Attachment.Kind.OTHER):
    """Check and store uploaded files for the petition; return the new Attachments.

    All files are checked before any is stored, so one bad file stores none.
    Raises NotAllowed, InvalidTransition (the matter no longer takes files)
    or ValidationFailed (field "files") naming the file and the fix.
    """
    if not can_upload(user, petition, kind):
        raise NotAllowed()
    if kind != Attachment.Kind.REPLY_DOCUMENT and petition.status not in PARTY_UPLOAD_STATUSES:
        raise InvalidTransition()

    limits = upload_limits()
    checked = []
    for uploaded in files:
        name = uploaded_name(uploaded)
        checked.append((name, check_content(name, read_upload(uploaded, limits))))
    _check_room(petition, len(checked), sum(len(c.content) for _n, c in checked), limits)

    return [store_attachment(petition, name, item, kind=kind, uploaded_by=user) for name, item in checked]


def add_attachment(user, petition, uploaded, *, kind=Attachment.Kind.OTHER):
    return add_attachments(user, petition, [uploaded], kind=kind)[0]


def store_attachment(petition, original_name, checked, *, kind, uploaded_by):
    """Save checked content under a generated name; no permission check."""
    attachment = Attachment(
        petition=petition,
        kind=kind,
        original_name=original_name,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=hashlib.sha256(checked.content).hexdigest(),
        uploaded_by=uploaded_by,
    )
    attachment.file.save(f"upload.{checked.extension}", ContentFile(checked.content), save=False)
    # NOTE: if the surrounding transaction rolls back, the file stays in the
    # storage without a row; a periodic sweep of unreferenced files would remove it.
    attachment.save()
    return attachment


def copy_attachments(source, target):
    """Copy every party file of ``source`` to ``target`` under new storage names."""
    copies = []
    for attachment in source.attachments.exclude(kind=Attachment.Kind.REPLY_DOCUMENT):
        with attachment.file.open("rb") as handle:
            content = handle.read()
        item = CheckedFile(content, attachment.content_type, EXTENSIONS.get(attachment.content_type, "bin"))
        copies.append(
            store_attachment(
                target, attachment.original_name, item, kind=attachment.kind, uploaded_by=attachment.uploaded_by
            )
        )
    return copies


def open_attachment_for(user, petition_ref, attachment_id):
    """Return ``(attachment, open file)`` for download after checking that ``user`` may see the petition.

    Raises Http404 when the user may not see the petition or the attachment
    does not belong to it. The caller closes the file (FileResponse does).
    """
    from django.http import Http404

    from petitions.queries import get_petition_for

    petition = get_petition_for(user, petition_ref)
    try:
        attachment = petition.attachments.get(pk=attachment_id)
    except Attachment.DoesNotExist:
        raise Http404("No such attachment.") from None
    return attachment, attachment.file.open("rb")
