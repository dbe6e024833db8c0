"""Resumable uploads through the API, the answer that uses them, and the purge of expired API records."""

import datetime
import io
import os
import random
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import ExifTags, Image

from api import maintenance, uploads
from api.models import IdempotencyRecord, UploadSession
from api.tests.conftest import error_of
from api.tests.helpers import CJK, pdf_bytes
from api.tokens import issue_tokens
from petitions import services
from petitions.models import Attachment, CorrectionNotice, Status
from petitions.tests import helpers as lifecycle

CHUNK_TYPE = "application/offset+octet-stream"
START = datetime.datetime(2024, 3, 5, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def phone_photo():
    """Return a JPEG of noise (so it does not compress to nothing) with a camera name and a GPS position."""
    noise = random.Random(7).randbytes(900 * 700 * 3)
    image = Image.frombytes("RGB", (900, 700), noise)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCamera"
    exif[ExifTags.Base.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (39.0, 54.0, 27.0)}
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=95, exif=exif.tobytes())
    return output.getvalue()


def disguised_exe():
    return b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 40


def start(client, petition, content, *, purpose="evidence", name="现场照片.jpg", size=None):
    body = {"petition": petition.pk, "purpose": purpose, "name": name, "size": len(content) if size is None else size}
    return client.post("/api/v1/uploads", body, format="json")


def send(client, upload_id, offset, chunk):
    return client.generic(
        "PATCH", f"/api/v1/uploads/{upload_id}", chunk, content_type=CHUNK_TYPE, HTTP_UPLOAD_OFFSET=str(offset)
    )


def send_all(client, upload_id, content, pieces=3):
    size = -(-len(content) // pieces)
    response = None
    for offset in range(0, len(content), size):
        response = send(client, upload_id, offset, content[offset : offset + size])
    return response


def split_in_three(content):
    third = len(content) // 3
    return content[:third], content[third : 2 * third], content[2 * third :]


@pytest.fixture
def draft(cast):
    return lifecycle.draft(cast)


@pytest.fixture
def correction(cast):
    petition = lifecycle.received(cast)
    services.request_correction(cast.clerk, petition, items="身份证复印件")
    return petition


# Chunks, interruption and resume


def test_photo_in_three_chunks_resumed_after_interruption(api, cast, draft):
    client = api(cast.applicant)
    photo = phone_photo()
    first, second, third = split_in_three(photo)

    created = start(client, draft, photo)
    assert created.status_code == 201
    upload_id = created.json()["id"]
    assert created["Upload-Offset"] == "0"
    assert created["Location"] == f"/api/v1/uploads/{upload_id}"

    assert send(client, upload_id, 0, first).json()["offset"] == len(first)
    # The connection drops: on a new connection, the client requests the offset to resume from.
    head = api(cast.applicant).head(f"/api/v1/uploads/{upload_id}")
    assert head.status_code == 200
    assert head["Upload-Offset"] == str(len(first))
    assert head["Upload-Length"] == str(len(photo))
    assert head["Cache-Control"] == "no-store"

    send(client, upload_id, int(head["Upload-Offset"]), second)
    finished = send(client, upload_id, len(first) + len(second), third)

    body = finished.json()
    assert finished.status_code == 200
    assert body["status"] == "attached"
    assert body["offset"] == len(photo)
    assert body["attachment"]["original_name"] == "现场照片.jpg"
    attachment = Attachment.objects.get(pk=body["attachment"]["id"])
    assert attachment.kind == Attachment.Kind.EVIDENCE
    assert attachment.content_type == "image/jpeg"
    assert attachment.uploaded_by == cast.applicant


def test_attached_photo_downloads_without_exif(api, cast, draft):
    client = api(cast.applicant)
    upload_id = start(client, draft, phone_photo()).json()["id"]

    body = send_all(client, upload_id, phone_photo()).json()
    download = client.get(body["attachment"]["download_url"])

    assert download.status_code == 200
    assert download["Content-Type"] == "image/jpeg"
    content = b"".join(download.streaming_content)
    with Image.open(io.BytesIO(content)) as image:
        assert image.size == (900, 700)
        assert dict(image.getexif()) == {}
    detail = client.get(f"/api/v1/petitions/{draft.pk}").json()
    assert [item["original_name"] for item in detail["attachments"]] == ["现场照片.jpg"]


def test_temporary_file_deleted_after_attach(api, cast, draft, django_capture_on_commit_callbacks):
    client = api(cast.applicant)
    photo = phone_photo()
    upload_id = start(client, draft, photo).json()["id"]
    session = UploadSession.objects.get(pk=upload_id)
    assert uploads.partial_path(session).exists()
    assert uploads.partial_path(session).parent.name == "uploads-in-progress"

    with django_capture_on_commit_callbacks(execute=True):
        send_all(client, upload_id, photo)

    assert not uploads.partial_path(session).exists()


def test_wrong_offset_is_409_with_current_offset(api, cast, draft):
    client = api(cast.applicant)
    photo = phone_photo()
    upload_id = start(client, draft, photo).json()["id"]
    send(client, upload_id, 0, photo[:1000])

    response = send(client, upload_id, 5000, photo[5000:6000])

    error = error_of(response)
    assert response.status_code == 409
    assert error["code"] == "upload_offset_mismatch"
    assert error["field"] == "Upload-Offset"
    assert "1000" in error["message"]
    assert CJK.search(error["message"])
    assert response["Upload-Offset"] == "1000"


def test_retried_chunk_returns_current_offset(api, cast, draft):
    client = api(cast.applicant)
    photo = phone_photo()
    upload_id = start(client, draft, photo).json()["id"]
    send(client, upload_id, 0, photo[:1000])

    retry = send(client, upload_id, 0, photo[:1000])

    assert retry.status_code == 200
    assert retry.json()["offset"] == 1000
    assert UploadSession.objects.get(pk=upload_id).offset == 1000


def test_overlapping_chunk_appends_only_new_bytes(api, cast, draft):
    client = api(cast.applicant)
    photo = phone_photo()
    upload_id = start(client, draft, photo).json()["id"]
    send(client, upload_id, 0, photo[:1000])

    response = send(client, upload_id, 500, photo[500:2000])

    assert response.json()["offset"] == 2000
    session = UploadSession.objects.get(pk=upload_id)
    assert uploads.partial_path(session).read_bytes() == photo[:2000]


def test_retried_chunk_with_other_bytes_is_409(api, cast, draft):
    client = api(cast.applicant)
    photo = phone_photo()
    upload_id = start(client, draft, photo).json()["id"]
    send(client, upload_id, 0, photo[:1000])

    response = send(client, upload_id, 0, b"\x00" * 1000)

    assert response.status_code == 409
    assert error_of(response)["code"] == "upload_offset_mismatch"
    assert UploadSession.objects.get(pk=upload_id).offset == 1000


def test_retried_last_chunk_after_attach_returns_final_offset(api, cast, draft):
    client = api(cast.applicant)
    photo = phone_photo()
    upload_id = start(client, draft, photo).json()["id"]
    send_all(client, upload_id, photo)

    retry = send(client, upload_id, len(photo) - 100, photo[-100:])

    assert retry.status_code == 200
    assert retry.json()["status"] == "attached"
    assert retry.json()["offset"] == len(photo)
    assert draft.attachments.count() == 1


@pytest.mark.parametrize(
    ("headers", "code", "status_code"),
    [
        ({}, "upload_offset_invalid", 400),
        ({"HTTP_UPLOAD_OFFSET": "-1"}, "upload_offset_invalid", 400),
        ({"HTTP_UPLOAD_OFFSET": "abc"}, "upload_offset_invalid", 400),
        ({"HTTP_UPLOAD_OFFSET": "0", "content_type": "application/json"}, "unsupported_media_type", 415),
    ],
)
def test_bad_chunk_request_names_the_fix(api, cast, draft, headers, code, status_code):
    client = api(cast.applicant)
    upload_id = start(client, draft, b"x" * 100).json()["id"]
    options = {"content_type": CHUNK_TYPE, **headers}

    response = client.generic("PATCH", f"/api/v1/uploads/{upload_id}", b"x" * 10, **options)

    error = error_of(response)
    assert response.status_code == status_code
    assert error["code"] == code
    assert CJK.search(error["message"])


def test_chunk_past_declared_size_is_400(api, cast, draft):
    client = api(cast.applicant)
    upload_id = start(client, draft, b"x" * 100).json()["id"]

    response = send(client, upload_id, 0, b"x" * 101)

    assert response.status_code == 400
    assert error_of(response)["code"] == "chunk_beyond_size"
    assert UploadSession.objects.get(pk=upload_id).offset == 0


def test_chunk_over_limit_is_413(api, cast, draft, settings):
    settings.API_UPLOAD_MAX_CHUNK_BYTES = 1000
    client = api(cast.applicant)
    upload_id = start(client, draft, b"x" * 5000).json()["id"]

    response = send(client, upload_id, 0, b"x" * 1001)

    assert response.status_code == 413
    assert error_of(response)["code"] == "chunk_too_large"
    assert UploadSession.objects.get(pk=upload_id).offset == 0


# Checks when the upload starts


def test_declared_size_over_limit_rejected_up_front(api, cast, draft, settings):
    settings.PETITION_UPLOAD_MAX_FILE_BYTES = 5 * 1024 * 1024

    response = start(api(cast.applicant), draft, b"", size=10 * 1024 * 1024)

    error = error_of(response)
    assert response.status_code == 400
    assert error["code"] == "file_too_large"
    assert error["field"] == "size"
    assert "现场照片.jpg" in error["message"]
    assert "5.0" in error["message"]
    assert not UploadSession.objects.exists()


def test_unfinished_uploads_count_against_total(api, cast, draft, settings):
    settings.PETITION_UPLOAD_MAX_TOTAL_BYTES = 3000
    client = api(cast.applicant)
    assert start(client, draft, b"x" * 2000).status_code == 201

    response = start(client, draft, b"x" * 2000)

    assert response.status_code == 400
    assert error_of(response)["code"] == "total_too_large"


def test_unfinished_uploads_count_against_file_number(api, cast, draft, settings):
    settings.PETITION_UPLOAD_MAX_FILES = 1
    client = api(cast.applicant)
    assert start(client, draft, b"x" * 10).status_code == 201

    response = start(client, draft, b"x" * 10)

    assert response.status_code == 400
    assert error_of(response)["code"] == "too_many_files"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"purpose": "evidence", "name": "a.jpg", "size": 0}, "size"),
        ({"purpose": "reply_document", "name": "a.jpg", "size": 10}, "purpose"),
        ({"purpose": "evidence", "size": 10}, "name"),
    ],
)
def test_start_with_bad_field_names_it(api, cast, draft, body, field):
    response = api(cast.applicant).post("/api/v1/uploads", {"petition": draft.pk, **body}, format="json")

    error = error_of(response)
    assert response.status_code == 400
    assert error["field"] == field
    assert CJK.search(error["message"])


def test_start_for_submitted_matter_is_409(api, cast):
    petition = lifecycle.submitted(cast)

    response = start(api(cast.applicant), petition, b"x" * 10)

    assert response.status_code == 409
    assert error_of(response)["code"] == "invalid_transition"


# Checks when the last byte arrives


def test_disguised_exe_rejected_at_completion(api, cast, draft):
    client = api(cast.applicant)
    content = disguised_exe()
    upload_id = start(client, draft, content, name="判决书.pdf").json()["id"]
    first, second, third = split_in_three(content)
    assert send(client, upload_id, 0, first).status_code == 200
    assert send(client, upload_id, len(first), second).status_code == 200

    response = send(client, upload_id, len(first) + len(second), third)

    error = error_of(response)
    assert response.status_code == 400
    assert error["code"] == "unsupported_type"
    assert "判决书.pdf" in error["message"]
    assert "内容不是真正的PDF文件" in error["message"]
    assert not draft.attachments.exists()
    session = UploadSession.objects.get(pk=upload_id)
    assert session.status == UploadSession.Status.REJECTED
    assert not uploads.partial_path(session).exists()


def test_rejected_upload_stays_rejected(api, cast, draft):
    client = api(cast.applicant)
    content = disguised_exe()
    upload_id = start(client, draft, content, name="判决书.pdf").json()["id"]
    first_error = error_of(send_all(client, upload_id, content))

    retry = send(client, upload_id, 0, content[:10])
    status = client.get(f"/api/v1/uploads/{upload_id}").json()

    assert error_of(retry)["message"] == first_error["message"]
    assert status["status"] == "rejected"
    assert status["error"] == {"code": "unsupported_type", "message": first_error["message"]}


# Owner only, and expiry


@pytest.mark.parametrize("stranger", ["second_applicant", "agent", "clerk"])
def test_someone_else_gets_404(api, cast, draft, stranger):
    owner = api(cast.applicant)
    photo = phone_photo()
    upload_id = start(owner, draft, photo).json()["id"]
    other = api(getattr(cast, stranger))

    responses = [
        other.get(f"/api/v1/uploads/{upload_id}"),
        send(other, upload_id, 0, photo[:100]),
        other.delete(f"/api/v1/uploads/{upload_id}"),
    ]

    for response in responses:
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
    assert UploadSession.objects.get(pk=upload_id).offset == 0


def test_start_for_someone_elses_matter_is_404(api, cast, draft):
    response = start(api(cast.second_applicant), draft, b"x" * 10)

    assert response.status_code == 404
    assert not UploadSession.objects.exists()


def test_unknown_upload_is_404(api, cast):
    response = api(cast.applicant).get(f"/api/v1/uploads/{uuid.uuid4()}")

    assert response.status_code == 404


def test_expired_upload_is_410(api, cast, draft):
    client = api(cast.applicant)
    photo = phone_photo()
    with time_machine.travel(START, tick=False):
        upload_id = start(client, draft, photo).json()["id"]
        send(client, upload_id, 0, photo[:1000])

    with time_machine.travel(START + timedelta(hours=24, minutes=1), tick=False):
        client = api(cast.applicant)
        responses = [client.get(f"/api/v1/uploads/{upload_id}"), send(client, upload_id, 1000, photo[1000:2000])]

    for response in responses:
        error = error_of(response)
        assert response.status_code == 410
        assert error["code"] == "upload_expired"
        assert CJK.search(error["message"])


def test_cancel_frees_room_and_deletes_bytes(api, cast, draft, settings, django_capture_on_commit_callbacks):
    settings.PETITION_UPLOAD_MAX_FILES = 1
    client = api(cast.applicant)
    upload_id = start(client, draft, b"x" * 100).json()["id"]
    path = uploads.partial_path(UploadSession.objects.get(pk=upload_id))

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.delete(f"/api/v1/uploads/{upload_id}")

    assert cancelled.status_code == 204
    assert not path.exists()
    assert client.get(f"/api/v1/uploads/{upload_id}").status_code == 404
    assert start(client, draft, b"x" * 100).status_code == 201


# Files for the answer to a correction notice


def test_supplement_upload_held_then_sent_with_answer(api, cast, correction, django_capture_on_commit_callbacks):
    client = api(cast.applicant)
    content = pdf_bytes("补充材料")
    upload_id = start(client, correction, content, purpose="supplement", name="身份证复印件.pdf").json()["id"]

    held = send_all(client, upload_id, content).json()
    assert held["status"] == "complete"
    assert held["attachment"] is None
    assert not correction.attachments.filter(kind=Attachment.Kind.CORRECTION).exists()

    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(
            f"/api/v1/petitions/{correction.pk}/supplement",
            {"answer_text": "已补充身份证复印件", "uploads": [upload_id]},
            format="json",
        )

    assert answered.status_code == 200
    assert answered.json()["status"] == Status.RECEIVED
    stored = correction.attachments.get(kind=Attachment.Kind.CORRECTION)
    assert stored.original_name == "身份证复印件.pdf"
    assert CorrectionNotice.objects.get(petition=correction).answer_text == "已补充身份证复印件"
    session = UploadSession.objects.get(pk=upload_id)
    assert session.status == UploadSession.Status.ATTACHED
    assert not uploads.partial_path(session).exists()


def test_supplement_with_unfinished_upload_names_it(api, cast, correction):
    client = api(cast.applicant)
    content = pdf_bytes("补充材料")
    upload_id = start(client, correction, content, purpose="supplement", name="身份证复印件.pdf").json()["id"]
    send(client, upload_id, 0, content[:100])

    response = client.post(
        f"/api/v1/petitions/{correction.pk}/supplement", {"uploads": [upload_id]}, format="json"
    )

    error = error_of(response)
    assert response.status_code == 400
    assert error["code"] == "upload_incomplete"
    assert error["field"] == "uploads"
    assert "身份证复印件.pdf" in error["message"]
    correction.refresh_from_db()
    assert correction.status == Status.AWAITING_CORRECTION


def test_supplement_with_someone_elses_upload_is_400(api, cast, correction):
    other_petition = lifecycle.draft(cast, cast.second_applicant)
    services.submit(cast.second_applicant, other_petition, idempotency_key=uuid.uuid4().hex)
    services.receive(cast.clerk, other_petition)
    services.request_correction(cast.clerk, other_petition, items="身份证复印件")
    content = pdf_bytes()
    stranger = api(cast.second_applicant)
    upload_id = start(stranger, other_petition, content, purpose="supplement").json()["id"]
    send_all(stranger, upload_id, content)

    response = api(cast.applicant).post(
        f"/api/v1/petitions/{correction.pk}/supplement", {"uploads": [upload_id]}, format="json"
    )

    assert response.status_code == 400
    assert error_of(response)["code"] == "upload_not_found"


def test_supplement_upload_for_draft_is_409(api, cast, draft):
    response = start(api(cast.applicant), draft, b"x" * 10, purpose="supplement")

    assert response.status_code == 409


def test_supplement_form_files_still_work(api, cast, correction):
    upload = SimpleUploadedFile("身份证.pdf", pdf_bytes(), content_type="application/pdf")

    response = api(cast.applicant).post(
        f"/api/v1/petitions/{correction.pk}/supplement",
        {"answer_text": "已补充", "files": [upload]},
        format="multipart",
    )

    assert response.status_code == 200
    assert correction.attachments.filter(kind=Attachment.Kind.CORRECTION).count() == 1


# Purge of expired records


def test_purge_deletes_only_expired_records(cast, draft):
    with time_machine.travel(START, tick=False):
        old_tokens = issue_tokens(cast.applicant)
        IdempotencyRecord.objects.create(
            user=cast.applicant, key="old", endpoint="POST /api/v1/petitions", fingerprint="f", status_code=201
        )
        old_upload = uploads.start_upload(cast.applicant, draft.pk, purpose="evidence", name="a.jpg", size=10)
    later = START + timedelta(days=3)
    with time_machine.travel(later, tick=False):
        issue_tokens(cast.applicant)
        IdempotencyRecord.objects.create(
            user=cast.applicant, key="new", endpoint="POST /api/v1/petitions", fingerprint="f", status_code=201
        )
        new_upload = uploads.start_upload(cast.applicant, draft.pk, purpose="evidence", name="b.jpg", size=10)

        counts = maintenance.purge_expired()

    # The old login's access token expired after 15 minutes; its refresh token lives 30 days.
    assert counts == {"tokens": 1, "idempotency_records": 1, "uploads": 1}
    assert old_tokens.refresh_token
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]
    assert list(UploadSession.objects.values_list("pk", flat=True)) == [new_upload.pk]
    assert not uploads.partial_path(old_upload).exists()
    assert uploads.partial_path(new_upload).exists()


def test_purge_deletes_stray_temporary_files(db):
    folder = uploads.partial_folder()
    folder.mkdir(parents=True)
    stray = folder / f"{uuid.uuid4().hex}.part"
    stray.write_bytes(b"left over")
    old = (timezone.now() - timedelta(days=2)).timestamp()
    os.utime(stray, (old, old))
    fresh = folder / f"{uuid.uuid4().hex}.part"
    fresh.write_bytes(b"being created")

    maintenance.purge_expired()

    assert not stray.exists()
    assert fresh.exists()


def test_run_periodic_now_purges_expired_uploads(cast, draft):
    with time_machine.travel(START, tick=False):
        session = uploads.start_upload(cast.applicant, draft.pk, purpose="evidence", name="a.jpg", size=10)

    output = io.StringIO()
    with time_machine.travel(START + timedelta(days=2), tick=False):
        call_command("run_periodic", "--now", "purge_api_records", stdout=output)

    assert "purge_api_records: done, deleted" in output.getvalue()
    assert "1 uploads" in output.getvalue()
    assert not UploadSession.objects.filter(pk=session.pk).exists()
    assert not uploads.partial_path(session).exists()
