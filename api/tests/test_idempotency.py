"""Writes retried with the same Idempotency-Key act once and replay the first response."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from api.models import IdempotencyRecord
from api.tests.conftest import error_of
from api.tests.helpers import draft_body, pdf_bytes
from petitions.models import Event, Petition, Status
from petitions.tests import helpers as lifecycle


def test_retried_create_makes_one_draft_and_replays(api, cast):
    client = api(cast.applicant)

    first = client.post("/api/v1/petitions", draft_body(cast), format="json", HTTP_IDEMPOTENCY_KEY="draft-1")
    second = client.post("/api/v1/petitions", draft_body(cast), format="json", HTTP_IDEMPOTENCY_KEY="draft-1")

    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotency-Replayed"] == "true"
    assert "Idempotency-Replayed" not in first
    assert Petition.objects.filter(applicant=cast.applicant).count() == 1


def test_retried_staff_action_acts_once(api, cast):
    petition = lifecycle.submitted(cast)
    client = api(cast.clerk)
    path = f"/api/v1/staff/petitions/{petition.pk}/actions/receive"

    first = client.post(path, {}, format="json", HTTP_IDEMPOTENCY_KEY="receive-1")
    second = client.post(path, {}, format="json", HTTP_IDEMPOTENCY_KEY="receive-1")

    assert first.status_code == second.status_code == 200
    assert Event.objects.filter(petition=petition, action="received").count() == 1


def test_same_key_with_other_body_is_422(api, cast):
    client = api(cast.applicant)
    client.post("/api/v1/petitions", {"kind": "appeal"}, format="json", HTTP_IDEMPOTENCY_KEY="key-1")

    response = client.post("/api/v1/petitions", {"kind": "complaint"}, format="json", HTTP_IDEMPOTENCY_KEY="key-1")

    assert response.status_code == 422
    assert error_of(response)["code"] == "idempotency_key_reused"
    assert Petition.objects.filter(applicant=cast.applicant).count() == 1


def test_same_key_on_other_endpoint_is_422(api, cast):
    client = api(cast.applicant)
    pk = client.post("/api/v1/petitions", draft_body(cast), format="json", HTTP_IDEMPOTENCY_KEY="key-2").json()["id"]

    response = client.post(f"/api/v1/petitions/{pk}/submit", HTTP_IDEMPOTENCY_KEY="key-2")

    assert response.status_code == 422
    assert Petition.objects.get(pk=pk).status == Status.DRAFT


def test_error_response_not_stored(api, cast):
    client = api(cast.applicant)
    pk = client.post("/api/v1/petitions", {"kind": "appeal"}, format="json").json()["id"]

    refused = client.post(f"/api/v1/petitions/{pk}/submit", HTTP_IDEMPOTENCY_KEY="submit-1")
    client.patch(f"/api/v1/petitions/{pk}", draft_body(cast), format="json")
    accepted = client.post(f"/api/v1/petitions/{pk}/submit", HTTP_IDEMPOTENCY_KEY="submit-1")

    assert refused.status_code == 400
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "submitted"


def test_keys_are_separate_per_user(api, cast):
    for user in (cast.applicant, cast.second_applicant):
        response = api(user).post("/api/v1/petitions", {"kind": "appeal"}, format="json", HTTP_IDEMPOTENCY_KEY="shared")
        assert response.status_code == 201
        assert "Idempotency-Replayed" not in response

    assert IdempotencyRecord.objects.filter(key="shared").count() == 2


@pytest.mark.parametrize("key", ["k" * 65, "tab\tkey"])
def test_invalid_key_is_400(api, cast, key):
    response = api(cast.applicant).post("/api/v1/petitions", {}, format="json", HTTP_IDEMPOTENCY_KEY=key)

    error = error_of(response)
    assert error["code"] == "idempotency_key_invalid"
    assert error["field"] == "Idempotency-Key"
    assert not Petition.objects.exists()


def test_multipart_upload_retry_stores_files_once(api, cast):
    client = api(cast.applicant)
    pk = client.post("/api/v1/petitions", draft_body(cast), format="json").json()["id"]

    for _attempt in range(2):
        upload = SimpleUploadedFile("证据.pdf", pdf_bytes(), content_type="application/pdf")
        response = client.post(
            f"/api/v1/petitions/{pk}/attachments", {"files": [upload]}, format="multipart", HTTP_IDEMPOTENCY_KEY="up-1"
        )
        assert response.status_code == 201

    assert Petition.objects.get(pk=pk).attachments.count() == 1
