"""The applicant's endpoints: profile, filing, progress, correction, reply, rating, notices."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.registration import create_applicant
from accounts.testing import resident_id
from api.tests.conftest import error_of
from api.tests.helpers import CJK, draft_body, pdf_bytes
from notifications.models import Notice
from notifications.services import notify
from petitions import services
from petitions.models import Petition, Status
from petitions.tests import helpers as lifecycle


def pdf(name="判决书.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def file_and_submit(api, cast):
    client = api(cast.applicant)
    pk = client.post("/api/v1/petitions", draft_body(cast), format="json").json()["id"]
    upload = client.post(f"/api/v1/petitions/{pk}/attachments", {"files": [pdf()], "kind": "judgment"}, format="multipart")
    assert upload.status_code == 201
    submitted = client.post(f"/api/v1/petitions/{pk}/submit")
    assert submitted.status_code == 200
    return pk


# Profile


def test_profile_read_masks_the_id_number(api, cast):
    body = api(cast.applicant).get("/api/v1/me/profile").json()

    assert body["real_name"] == "张三"
    assert body["id_number_masked"].startswith("110105")
    assert "*" in body["id_number_masked"]
    assert "id_number" not in body


def test_profile_put_invalid_id_number_names_the_field(api, cast):
    body = {"real_name": "张三", "id_type": "resident_id", "id_number": "110105198001010010", "address": "北京"}

    response = api(cast.applicant).put("/api/v1/me/profile", body, format="json")

    error = error_of(response)
    assert response.status_code == 400
    assert error["field"] == "id_number"
    assert CJK.search(error["message"])


def test_profile_missing_is_404_and_put_creates_it(api, cast):
    newcomer = create_applicant("13900000008", "newcomer-password-1")
    client = api(newcomer)
    assert client.get("/api/v1/me/profile").status_code == 404

    body = {"real_name": "赵六", "id_type": "resident_id", "id_number": resident_id(), "address": "北京市海淀区"}
    response = client.put("/api/v1/me/profile", body, format="json")

    assert response.status_code == 200
    assert response.json()["complete"] is True


# Filing


def test_file_upload_submit_gives_tracking_number_and_deadline(api, cast):
    pk = file_and_submit(api, cast)

    body = api(cast.applicant).get(f"/api/v1/petitions/{pk}").json()
    assert body["status"] == "submitted"
    assert body["tracking_number"].startswith("京01-")
    assert body["deadlines"]["receipt_due"] == body["progress"]["due"]
    assert body["progress"]["next_step"]
    assert [item["original_name"] for item in body["attachments"]] == ["判决书.pdf"]
    assert body["allowed_steps"]["withdraw"] is True


def test_patch_changes_draft_fields(api, cast):
    client = api(cast.applicant)
    pk = client.post("/api/v1/petitions", {"kind": "complaint"}, format="json").json()["id"]

    response = client.patch(f"/api/v1/petitions/{pk}", {"request_text": "请求答复"}, format="json")

    assert response.json()["request_text"] == "请求答复"
    assert response.json()["kind"] == "complaint"


def test_submit_incomplete_draft_lists_every_missing_field(api, cast):
    client = api(cast.applicant)
    pk = client.post("/api/v1/petitions", {"kind": "appeal"}, format="json").json()["id"]

    response = client.post(f"/api/v1/petitions/{pk}/submit")

    error = error_of(response)
    assert response.status_code == 400
    fields = {detail["field"] for detail in error["details"]}
    assert {"receiving_court", "request_text", "facts_and_reasons", "case_number"} <= fields
    assert all(CJK.search(detail["message"]) for detail in error["details"])
    assert Petition.objects.get(pk=pk).status == Status.DRAFT


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"kind": "spaceship"}, "kind", "invalid_choice"),
        ({"receiving_court": 999999}, "receiving_court", "does_not_exist"),
        ({"request_text": "请" * 1001}, "request_text", "too_long"),
    ],
)
def test_draft_bad_input_names_field(api, cast, body, field, code):
    response = api(cast.applicant).post("/api/v1/petitions", body, format="json")

    error = error_of(response)
    assert response.status_code == 400
    assert error["field"] == field
    assert error["code"] == code
    assert CJK.search(error["message"])


def test_upload_rejects_file_by_content(api, cast):
    client = api(cast.applicant)
    pk = client.post("/api/v1/petitions", draft_body(cast), format="json").json()["id"]
    fake = SimpleUploadedFile("判决书.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    response = client.post(f"/api/v1/petitions/{pk}/attachments", {"files": [fake]}, format="multipart")

    error = error_of(response)
    assert error["code"] == "unsupported_type"
    assert "判决书.pdf" in error["message"]


def test_upload_after_submission_is_409(api, cast):
    pk = file_and_submit(api, cast)

    response = api(cast.applicant).post(f"/api/v1/petitions/{pk}/attachments", {"files": [pdf()]}, format="multipart")

    assert response.status_code == 409
    assert error_of(response)["code"] == "invalid_transition"


def test_list_shows_own_matters_filtered_by_status(api, cast):
    submitted = file_and_submit(api, cast)
    draft = api(cast.applicant).post("/api/v1/petitions", {"kind": "complaint"}, format="json").json()["id"]

    everything = api(cast.applicant).get("/api/v1/petitions").json()
    drafts = api(cast.applicant).get("/api/v1/petitions", {"status": "draft"}).json()

    assert {row["id"] for row in everything["results"]} == {submitted, draft}
    assert [row["id"] for row in drafts["results"]] == [draft]


def test_list_with_unknown_status_is_400(api, cast):
    error = error_of(api(cast.applicant).get("/api/v1/petitions", {"status": "lost"}))

    assert error["field"] == "status"
    assert CJK.search(error["message"])


@pytest.mark.parametrize("outsider", ["second_applicant", "clerk", "other_clerk", "analyst"])
def test_outsiders_get_404_and_empty_lists(api, cast, outsider):
    pk = file_and_submit(api, cast)
    attachment = Petition.objects.get(pk=pk).attachments.get().pk
    client = api(getattr(cast, outsider))

    for path in ("", "/timeline", "/corrections", "/reply"):
        response = client.get(f"/api/v1/petitions/{pk}{path}")
        assert response.status_code == 404, path
        assert error_of(response)["code"] == "not_found"
    assert client.post(f"/api/v1/petitions/{pk}/withdraw", {}, format="json").status_code == 404
    assert client.get("/api/v1/petitions").json()["count"] == 0
    if outsider != "clerk":
        assert client.get(f"/api/v1/petitions/{pk}/attachments/{attachment}").status_code == 404


def test_download_returns_the_file_with_its_name(api, cast):
    pk = file_and_submit(api, cast)
    attachment = Petition.objects.get(pk=pk).attachments.get()

    response = api(cast.applicant).get(f"/api/v1/petitions/{pk}/attachments/{attachment.pk}")

    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "filename*=UTF-8''%E5%88%A4" in response["Content-Disposition"]


def test_public_timeline_hides_internal_notes(api, cast):
    pk = file_and_submit(api, cast)
    petition = Petition.objects.get(pk=pk)
    services.receive(cast.clerk, petition)
    services.transfer(cast.clerk, petition, to_court=cast.other_court, reason="内部说明：管辖错误")

    events = api(cast.applicant).get(f"/api/v1/petitions/{pk}/timeline").json()

    assert [event["action"] for event in events] == ["submitted", "received", "transferred"]
    assert all("内部说明" not in event["message"] for event in events)
    detail = api(cast.applicant).get(f"/api/v1/petitions/{pk}").json()
    assert detail["transferred_to"]["receiving_court"]["code"] == "沪01"


def test_correction_notice_then_supplement_resumes(api, cast):
    pk = file_and_submit(api, cast)
    petition = Petition.objects.get(pk=pk)
    services.receive(cast.clerk, petition)
    services.request_correction(cast.clerk, petition, items=["身份证复印件", "原审判决书"])
    client = api(cast.applicant)

    detail = client.get(f"/api/v1/petitions/{pk}").json()
    assert detail["open_correction"]["items"] == ["身份证复印件", "原审判决书"]
    assert detail["allowed_steps"]["supplement"] is True

    response = client.post(
        f"/api/v1/petitions/{pk}/supplement",
        {"answer_text": "已补充", "files": [pdf("身份证.pdf")]},
        format="multipart",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "received"
    notices = client.get(f"/api/v1/petitions/{pk}/corrections").json()
    assert notices[0]["answer_text"] == "已补充"


def test_supplement_without_text_or_files_is_400(api, cast):
    petition = lifecycle.received(cast)
    services.request_correction(cast.clerk, petition, items="身份证复印件")

    response = api(cast.applicant).post(f"/api/v1/petitions/{petition.pk}/supplement", {}, format="multipart")

    error = error_of(response)
    assert error["code"] == "required"
    assert error["field"] == "answer_text"


def test_reply_with_document_then_rating_closes(api, cast):
    petition = lifecycle.replied(cast)
    client = api(cast.applicant)

    reply = client.get(f"/api/v1/petitions/{petition.pk}/reply").json()
    document = client.get(reply["document"]["download_url"])
    rated = client.post(f"/api/v1/petitions/{petition.pk}/rating", {"level": "satisfied", "comment": "谢谢"}, format="json")
    again = client.post(f"/api/v1/petitions/{petition.pk}/rating", {"level": "dissatisfied"}, format="json")

    assert "原判决认定事实清楚" in reply["text"]
    assert b"".join(document.streaming_content).startswith(b"%PDF")
    assert rated.status_code == 201
    assert rated.json()["level_label"] == "满意"
    assert again.status_code == 409
    assert error_of(again)["code"] == "already_rated"
    assert client.get(f"/api/v1/petitions/{petition.pk}").json()["status"] == "closed"


def test_reply_before_the_court_replied_is_404(api, cast):
    petition = lifecycle.accepted(cast)

    assert api(cast.applicant).get(f"/api/v1/petitions/{petition.pk}/reply").status_code == 404


def test_review_request_creates_linked_matter(api, cast):
    petition = lifecycle.replied(cast)
    body = {"request_text": "请求复查", "facts_and_reasons": "答复未回应主要诉求。"}

    response = api(cast.applicant).post(f"/api/v1/petitions/{petition.pk}/review", body, format="json")

    assert response.status_code == 201
    assert response.json()["review_of"] == petition.pk
    assert response.json()["receiving_court"]["code"] == "京"


def test_withdraw_open_matter(api, cast):
    pk = file_and_submit(api, cast)

    response = api(cast.applicant).post(f"/api/v1/petitions/{pk}/withdraw", {"reason": "已和解"}, format="json")

    assert response.json()["status"] == "withdrawn"
    again = api(cast.applicant).post(f"/api/v1/petitions/{pk}/withdraw", {}, format="json")
    assert again.status_code == 409


# Notices


def test_notices_list_unread_count_and_mark_read(api, cast):
    first = notify(cast.applicant, "事项已登记", "正文", sms=False)
    notify(cast.applicant, "事项已受理", "正文", sms=False)
    notify(cast.second_applicant, "别人的通知", "正文", sms=False)
    client = api(cast.applicant)

    listed = client.get("/api/v1/notices").json()
    marked = client.post(f"/api/v1/notices/{first.pk}/read").json()
    all_marked = client.post("/api/v1/notices/read-all").json()

    assert listed["count"] == 2
    assert listed["unread_count"] == 2
    assert marked == {"marked": 1, "unread_count": 1}
    assert all_marked == {"marked": 1, "unread_count": 0}
    assert Notice.objects.get(recipient=cast.second_applicant).read_at is None


def test_other_users_notice_is_404(api, cast):
    theirs = notify(cast.second_applicant, "别人的通知", "正文", sms=False)

    response = api(cast.applicant).post(f"/api/v1/notices/{theirs.pk}/read")

    assert response.status_code == 404
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_submission_notice_reaches_the_api_after_commit(api, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        file_and_submit(api, cast)

    body = api(cast.applicant).get("/api/v1/notices").json()
    assert body["unread_count"] == 1
    assert body["results"][0]["title"].startswith("事项已提交")
