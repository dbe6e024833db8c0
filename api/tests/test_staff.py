"""Court staff's endpoints: queue, case file and the lifecycle actions."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import PersonalDataAccess
from api.tests.conftest import error_of
from api.tests.helpers import CJK, pdf_bytes
from petitions.models import Attachment, Petition, Status
from petitions.tests import helpers as lifecycle


def act(api, user, petition, action, body=None, **kwargs):
    path = f"/api/v1/staff/petitions/{petition.pk}/actions/{action}"
    return api(user).post(path, body or {}, format=kwargs.pop("format", "json"), **kwargs)


def test_queue_lists_the_courts_matters_overdue_first(api, cast):
    on_time = lifecycle.submitted(cast)
    late = lifecycle.submitted(cast, kind="complaint", case_number="", category="")
    Petition.objects.filter(pk=late.pk).update(receipt_due=timezone.localdate() - timedelta(days=3))

    body = api(cast.clerk).get("/api/v1/staff/queue").json()

    assert [row["id"] for row in body["results"]] == [late.pk, on_time.pk]
    assert body["results"][0]["overdue"] is True
    assert body["results"][0]["applicant_name"] == "张三"


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"kind": "complaint"}, ["complaint"]), ({"overdue": "true"}, []), ({"status": "received"}, [])],
)
def test_queue_filters(api, cast, params, expected):
    lifecycle.submitted(cast)
    lifecycle.submitted(cast, kind="complaint", case_number="", category="")

    body = api(cast.clerk).get("/api/v1/staff/queue", params).json()

    assert [row["kind"] for row in body["results"]] == expected


def test_queue_bad_filter_is_400(api, cast):
    error = error_of(api(cast.clerk).get("/api/v1/staff/queue", {"status": "replied"}))

    assert error["field"] == "status"
    assert CJK.search(error["message"])


@pytest.mark.parametrize("user", ["other_clerk", "analyst"])
def test_queue_of_unrelated_staff_and_analysts_is_empty(api, cast, user):
    lifecycle.submitted(cast)

    assert api(getattr(cast, user)).get("/api/v1/staff/queue").json()["count"] == 0


def test_queue_for_applicant_is_404(api, cast):
    assert api(cast.applicant).get("/api/v1/staff/queue").status_code == 404


def test_supervisor_queue_court_choice(api, cast):
    petition = lifecycle.submitted(cast)
    client = api(cast.supervisor)

    below = client.get("/api/v1/staff/queue", {"court": cast.court.pk}).json()
    elsewhere = client.get("/api/v1/staff/queue", {"court": cast.other_court.pk})

    assert [row["id"] for row in below["results"]] == [petition.pk]
    assert elsewhere.status_code == 404


def test_case_file_shows_internal_trace_and_actions(api, cast):
    petition = lifecycle.received(cast)

    body = api(cast.clerk).get(f"/api/v1/staff/petitions/{petition.pk}").json()

    assert body["applicant"]["name"] == "张三"
    assert "*" in body["applicant"]["id_number_masked"]
    assert body["applicant"]["phone_masked"] == "138****0001"
    assert [event["action"] for event in body["timeline"]] == ["submitted", "received"]
    assert body["available_actions"] == ["accept", "request_correction", "guide_out", "transfer", "decline"]


@pytest.mark.parametrize("user", ["applicant", "second_applicant", "other_clerk", "analyst"])
def test_case_file_and_actions_hidden_from_others(api, cast, user):
    petition = lifecycle.submitted(cast)
    outsider = getattr(cast, user)

    assert api(outsider).get(f"/api/v1/staff/petitions/{petition.pk}").status_code == 404
    response = act(api, outsider, petition, "receive")
    assert response.status_code == 404
    assert Petition.objects.get(pk=petition.pk).status == Status.SUBMITTED


def test_supervisor_reads_but_cannot_act(api, cast):
    petition = lifecycle.submitted(cast)

    assert api(cast.supervisor).get(f"/api/v1/staff/petitions/{petition.pk}").status_code == 200
    assert act(api, cast.supervisor, petition, "receive").status_code == 404


def test_full_handling_through_the_api(api, cast):
    petition = lifecycle.submitted(cast)

    assert act(api, cast.clerk, petition, "receive").status_code == 200
    accepted = act(api, cast.clerk, petition, "accept", {"department": cast.department.pk, "handler": cast.handler.pk})
    assert accepted.json()["case_file"]["status"] == "accepted"
    assert act(api, cast.handler, petition, "draft_reply", {"text": "经复查，原判决并无不当。"}).status_code == 200
    document = SimpleUploadedFile("答复书.pdf", pdf_bytes("reply"), content_type="application/pdf")
    uploaded = act(api, cast.handler, petition, "upload_reply_document", {"document": document}, format="multipart")
    assert uploaded.status_code == 200
    assert act(api, cast.handler, petition, "submit_reply").status_code == 200
    returned = act(api, cast.head, petition, "return_reply", {"note": "请补充法律依据"})
    assert returned.json()["case_file"]["replies"][0]["status"] == "returned"
    assert act(api, cast.handler, petition, "draft_reply", {"text": "经复查，依据民事诉讼法，原判决并无不当。"}).status_code == 200
    assert act(api, cast.handler, petition, "submit_reply").status_code == 200
    approved = act(api, cast.head, petition, "approve_reply")

    assert approved.json()["case_file"]["status"] == "replied"
    reply = api(cast.applicant).get(f"/api/v1/petitions/{petition.pk}/reply").json()
    assert reply["document"]["original_name"] == "答复书.pdf"


def test_correction_extension_and_close(api, cast):
    petition = lifecycle.received(cast)

    requested = act(api, cast.clerk, petition, "request_correction", {"items": ["身份证复印件"]})
    assert requested.json()["case_file"]["status"] == "awaiting_correction"

    accepted = lifecycle.accepted(cast)
    extended = act(api, cast.head, accepted, "extend", {"days": 30, "reason": "案情复杂"})
    assert extended.json()["case_file"]["deadlines"]["handling_due"] > accepted.handling_due.isoformat()
    twice = act(api, cast.head, accepted, "extend", {"days": 5, "reason": "再次延期"})
    assert error_of(twice)["code"] == "already_extended"

    replied = lifecycle.replied(cast)
    early = act(api, cast.head, replied, "close")
    assert error_of(early)["code"] == "rating_period_open"
    with time_machine.travel(timezone.now() + timedelta(days=40)):
        closed = act(api, cast.head, replied, "close")
    assert closed.json()["case_file"]["status"] == "closed"


def test_guide_out_and_decline_reply_to_applicant(api, cast):
    guided = act(api, cast.clerk, lifecycle.received(cast), "guide_out", {"competent_body": "劳动仲裁委员会", "text": "请向劳动仲裁委员会申请。"})
    declined = act(api, cast.clerk, lifecycle.received(cast), "decline", {"reason": "不属于受理范围。"})

    assert guided.json()["case_file"]["status"] == "replied"
    assert declined.json()["case_file"]["status"] == "replied"


def test_transfer_returns_the_new_matter(api, cast):
    petition = lifecycle.received(cast)

    response = act(api, cast.clerk, petition, "transfer", {"to_court": cast.other_court.pk, "reason": "管辖错误"})

    new_pk = response.json()["new_petition_id"]
    assert Petition.objects.get(pk=new_pk).receiving_court == cast.other_court
    assert response.json()["case_file"]["transferred_to"] == new_pk
    assert api(cast.other_clerk).get(f"/api/v1/staff/petitions/{new_pk}").status_code == 200


@pytest.mark.parametrize(
    ("action", "body", "field", "code"),
    [
        ("accept", {"department": 999999, "handler": 1}, "department", "invalid_choice"),
        ("transfer", {"to_court": 999999, "reason": "管辖错误"}, "to_court", "invalid_choice"),
        ("decline", {"reason": "  "}, "reason", "blank"),
        ("request_correction", {"items": []}, "items", "min_length"),
    ],
)
def test_action_bad_input_names_field(api, cast, action, body, field, code):
    petition = lifecycle.received(cast)

    response = act(api, cast.clerk, petition, action, body)

    error = error_of(response)
    assert response.status_code == 400
    assert error["field"] == field
    assert error["code"] == code
    assert CJK.search(error["message"])


def test_accept_with_handler_of_other_court_is_400(api, cast):
    petition = lifecycle.received(cast)

    response = act(api, cast.clerk, petition, "accept", {"department": cast.department.pk, "handler": cast.other_clerk.pk})

    assert error_of(response)["field"] == "handler"


def test_action_in_wrong_state_is_409(api, cast):
    petition = lifecycle.received(cast)

    response = act(api, cast.clerk, petition, "receive")

    assert response.status_code == 409
    assert error_of(response)["code"] == "invalid_transition"
    assert CJK.search(error_of(response)["message"])


def test_action_on_stale_version_is_409(api, cast):
    petition = lifecycle.submitted(cast)
    stale = petition.version
    Petition.objects.filter(pk=petition.pk).update(version=stale + 1)

    response = act(api, cast.clerk, petition, "receive", {"version": stale})

    assert error_of(response)["code"] == "concurrent_change"
    assert Petition.objects.get(pk=petition.pk).status == Status.SUBMITTED


def test_staff_download_is_logged_as_personal_data_access(api, cast):
    petition = lifecycle.submitted(cast)
    attachment = Attachment.objects.create(
        petition=petition, kind="other", file="x.pdf", original_name="x.pdf", content_type="application/pdf", size=1, sha256=""
    )
    attachment.file.save("x.pdf", SimpleUploadedFile("x.pdf", pdf_bytes()))

    response = api(cast.clerk).get(f"/api/v1/petitions/{petition.pk}/attachments/{attachment.pk}")

    assert response.status_code == 200
    assert PersonalDataAccess.objects.filter(staff_user=cast.clerk, subject_user=cast.applicant).count() == 1

