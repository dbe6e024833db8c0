"""Agents filing through the API for a client with or without an account."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.profiles import is_unclaimed_client
from accounts.registration import complete_signup, create_applicant, start_signup
from accounts.testing import resident_id, sent_code
from api.tests.conftest import client_for, error_of
from api.tests.helpers import CJK, draft_body, pdf_bytes
from notifications.models import Outbox
from petitions.models import Petition, Status

CLIENT_ID = resident_id("110105", "19540312", "021")
CLIENT_PHONE = "13912345678"


def client_body(**overrides):
    body = {
        "real_name": "赵老汉",
        "id_type": "resident_id",
        "id_number": CLIENT_ID,
        "phone": CLIENT_PHONE,
        "address": "北京市东城区和平里街道1号",
    }
    body.update(overrides)
    return body


def power_of_attorney():
    return SimpleUploadedFile("授权委托书.pdf", pdf_bytes(), content_type="application/pdf")


def start_agent_draft(api, cast, **client_overrides):
    return api(cast.agent).post(
        "/api/v1/petitions", draft_body(cast, applicant=client_body(**client_overrides)), format="json"
    )


def test_agent_draft_registers_new_client(api, cast):
    response = start_agent_draft(api, cast)

    assert response.status_code == 201
    petition = Petition.objects.get(pk=response.json()["id"])
    assert petition.agent == cast.agent
    assert petition.applicant.applicant_profile.real_name == "赵老汉"
    assert petition.applicant.phone == CLIENT_PHONE
    assert is_unclaimed_client(petition.applicant)


def test_agent_submit_needs_power_of_attorney_then_texts_client(api, cast, django_capture_on_commit_callbacks):
    client = api(cast.agent)
    pk = start_agent_draft(api, cast).json()["id"]

    missing = client.post(f"/api/v1/petitions/{pk}/submit")
    assert missing.status_code == 400
    assert "power_of_attorney_missing" in {detail["code"] for detail in error_of(missing)["details"]}

    upload = {"files": [power_of_attorney()], "kind": "power_of_attorney"}
    assert client.post(f"/api/v1/petitions/{pk}/attachments", upload, format="multipart").status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        submitted = client.post(f"/api/v1/petitions/{pk}/submit")

    assert submitted.status_code == 200
    tracking_number = submitted.json()["tracking_number"]
    text = Outbox.objects.get(recipient=CLIENT_PHONE).text
    assert tracking_number in text
    assert "王五" in text


def test_agent_draft_matches_existing_client(api, cast):
    users_before = get_user_model().objects.count()

    response = start_agent_draft(
        api, cast, real_name="张三", id_number=resident_id("110105", "19800101", "001"), phone="", address=""
    )

    assert response.status_code == 201
    assert Petition.objects.get(pk=response.json()["id"]).applicant == cast.applicant
    assert get_user_model().objects.count() == users_before


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"id_number": "110105195403120210"}, "applicant.id_number", "id_number_check_digit"),
        ({"phone": "12345"}, "applicant.phone", "phone_invalid"),
        ({"address": ""}, "applicant.address", "required"),
        ({"real_name": "张四", "id_number": resident_id("110105", "19800101", "001")}, "applicant.real_name", "name_mismatch"),
        ({"id_type": "driving_licence"}, "applicant.id_type", "invalid_choice"),
    ],
)
def test_agent_draft_bad_client_names_field(api, cast, overrides, field, code):
    users_before = get_user_model().objects.count()

    response = start_agent_draft(api, cast, **overrides)

    error = error_of(response)
    assert response.status_code == 400
    assert error["field"] == field
    assert error["code"] == code
    assert CJK.search(error["message"])
    assert not Petition.objects.exists()
    assert get_user_model().objects.count() == users_before


def test_agent_draft_phone_clash_is_rejected(api, cast):
    response = start_agent_draft(api, cast, phone=cast.second_applicant.phone)

    error = error_of(response)
    assert response.status_code == 400
    assert error["field"] == "applicant.phone"
    assert error["code"] == "phone_taken"
    assert cast.second_applicant.phone in error["message"]
    assert not Petition.objects.exists()


def test_agent_without_profile_cannot_file_for_client(api, cast):
    newcomer = create_applicant("13900000008", "newcomer-password-1")

    response = client_for(newcomer).post(
        "/api/v1/petitions", draft_body(cast, applicant=client_body()), format="json"
    )

    error = error_of(response)
    assert response.status_code == 400
    assert error["code"] == "profile_incomplete"
    assert not get_user_model().objects.filter(phone=CLIENT_PHONE).exists()


def test_claimed_client_lists_matter_filed_by_agent(api, cast):
    pk = start_agent_draft(api, cast).json()["id"]
    start_signup(CLIENT_PHONE, ip_address="127.0.0.1")
    claimed = complete_signup(CLIENT_PHONE, sent_code(CLIENT_PHONE), "long-enough-Pass-1")

    body = client_for(claimed).get("/api/v1/petitions").json()

    assert [item["id"] for item in body["results"]] == [pk]
    assert body["results"][0]["status"] == Status.DRAFT
