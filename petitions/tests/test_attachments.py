"""Upload checks with real files of each type, and the download permission check."""

import hashlib
import io
import zipfile

import pillow_heif
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from PIL import ExifTags, Image

from petitions.attachments import add_attachment, add_attachments, open_attachment_for, upload_help_text
from petitions.errors import InvalidTransition, ValidationFailed
from petitions.models import Attachment
from petitions.tests import helpers


def _image(format_name, **save_options):
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    output = io.BytesIO()
    image.save(output, format=format_name, **save_options)
    return output.getvalue()


def jpeg_with_gps():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCamera"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (39.0, 54.0, 27.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (116.0, 23.0, 17.0),
    }
    return _image("JPEG", exif=exif.tobytes())


def heic_bytes():
    image = Image.new("RGB", (64, 48), (30, 120, 200))
    output = io.BytesIO()
    pillow_heif.from_pillow(image).save(output, quality=60)
    return output.getvalue()


def docx_bytes():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return output.getvalue()


def zip_bytes():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("readme.txt", "not a Word document")
    return output.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.fixture
def petition(cast):
    return helpers.draft(cast)


ACCEPTED = [
    ("起诉状.pdf", helpers.pdf_bytes, "application/pdf", "pdf"),
    ("照片.jpg", jpeg_with_gps, "image/jpeg", "jpg"),
    ("截图.png", lambda: _image("PNG"), "image/png", "png"),
    ("手机照片.HEIC", heic_bytes, "image/jpeg", "jpg"),
    ("申诉书.docx", docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ("旧文档.doc", lambda: bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024, "application/msword", "doc"),
]


@pytest.mark.parametrize(("name", "make", "content_type", "extension"), ACCEPTED)
def test_accepted_type_stored_under_generated_name(cast, petition, name, make, content_type, extension):
    attachment = add_attachment(cast.applicant, petition, upload(name, make()), kind=Attachment.Kind.EVIDENCE)

    assert attachment.original_name == name
    assert attachment.content_type == content_type
    assert attachment.file.name.startswith(f"petitions/{petition.created_at.year}/{petition.pk}/")
    assert attachment.file.name.endswith(f".{extension}")
    assert name.split(".")[0] not in attachment.file.name
    with attachment.file.open("rb") as handle:
        stored = handle.read()
    assert len(stored) == attachment.size
    assert hashlib.sha256(stored).hexdigest() == attachment.sha256


def test_jpeg_stored_without_exif_or_gps(cast, petition):
    attachment = add_attachment(cast.applicant, petition, upload("photo.jpg", jpeg_with_gps()))

    with attachment.file.open("rb") as handle:
        stored = handle.read()
    with Image.open(io.BytesIO(stored)) as image:
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
    assert b"TestCamera" not in stored


def test_heic_converted_to_readable_jpeg(cast, petition):
    attachment = add_attachment(cast.applicant, petition, upload("IMG_0001.heic", heic_bytes()))

    with attachment.file.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "JPEG"
        assert image.size == (64, 48)


REJECTED = [
    ("setup.pdf", b"MZ\x90\x00\x03" + b"\0" * 200),
    ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ("script.jpg", b"#!/bin/sh\nrm -rf /\n"),
    ("archive.docx", None),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj\n"),
    ("movie.png", b"\x00\x00\x00\x18ftypmp42" + b"\0" * 100),
]


@pytest.mark.parametrize(("name", "content"), REJECTED)
def test_unaccepted_content_rejected_with_name_and_allowed_types(cast, petition, name, content):
    content = content if content is not None else zip_bytes()

    with pytest.raises(ValidationFailed) as caught:
        add_attachment(cast.applicant, petition, upload(name, content))

    assert caught.value.code == "unsupported_type"
    assert caught.value.field == "files"
    assert name in str(caught.value)
    assert "PDF" in str(caught.value)
    assert not Attachment.objects.exists()


def test_oversized_file_rejected(cast, petition, settings):
    settings.PETITION_UPLOAD_MAX_FILE_BYTES = 1024

    with pytest.raises(ValidationFailed) as caught:
        add_attachment(cast.applicant, petition, upload("大文件.pdf", helpers.pdf_bytes("x" * 50) + b" " * 2000))

    assert caught.value.code == "file_too_large"
    assert "大文件.pdf" in str(caught.value)


def test_too_many_files_rejected_and_none_stored(cast, petition, settings):
    settings.PETITION_UPLOAD_MAX_FILES = 2
    files = [helpers.pdf_upload(f"证据{i}.pdf") for i in range(3)]

    with pytest.raises(ValidationFailed) as caught:
        add_attachments(cast.applicant, petition, files)

    assert caught.value.code == "too_many_files"
    assert not Attachment.objects.exists()


def test_total_size_limit(cast, petition, settings):
    settings.PETITION_UPLOAD_MAX_TOTAL_BYTES = len(helpers.pdf_bytes()) + 10
    add_attachment(cast.applicant, petition, helpers.pdf_upload("一.pdf"))

    with pytest.raises(ValidationFailed) as caught:
        add_attachment(cast.applicant, petition, helpers.pdf_upload("二.pdf"))

    assert caught.value.code == "total_too_large"


def test_one_bad_file_stores_none(cast, petition):
    files = [helpers.pdf_upload("好.pdf"), upload("坏.pdf", b"MZ" + b"\0" * 100)]

    with pytest.raises(ValidationFailed) as caught:
        add_attachments(cast.applicant, petition, files)

    assert "坏.pdf" in str(caught.value)
    assert not Attachment.objects.exists()


def test_party_cannot_upload_after_submission(cast):
    petition = helpers.submitted(cast)

    with pytest.raises(InvalidTransition):
        add_attachment(cast.applicant, petition, helpers.pdf_upload())


def test_upload_help_text_names_types_and_limits(settings):
    settings.PETITION_UPLOAD_MAX_FILES = 7

    text = upload_help_text()

    assert "PDF" in text
    assert "HEIC" in text
    assert "7" in text
    assert "20.0" in text or "20 " in text


def test_download_checks_petition_visibility(cast):
    petition = helpers.draft(cast)
    attachment = add_attachment(cast.applicant, petition, helpers.pdf_upload())
    helpers.services.submit(cast.applicant, petition)

    found, handle = open_attachment_for(cast.clerk, petition.pk, attachment.pk)
    with handle:
        assert handle.read(4) == b"%PDF"
    assert found == attachment

    for outsider in (cast.second_applicant, cast.other_clerk, cast.analyst):
        with pytest.raises(Http404):
            open_attachment_for(outsider, petition.pk, attachment.pk)


def test_download_of_other_petitions_attachment_raises_404(cast):
    mine = helpers.draft(cast)
    theirs = helpers.draft(cast, cast.second_applicant)
    attachment = add_attachment(cast.second_applicant, theirs, helpers.pdf_upload())

    with pytest.raises(Http404):
        open_attachment_for(cast.applicant, mine.pk, attachment.pk)
