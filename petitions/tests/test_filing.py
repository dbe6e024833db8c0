"""Drafts, submission checks, idempotent submission and withdrawal."""

import pytest

from accounts.models import ApplicantProfile
from petitions import services
from petitions.errors import InvalidTransition, ValidationFailed
from petitions.models import Event, Kind, Petition, Status
from petitions.tests import helpers


def test_save_draft_keeps_unparsable_case_number(cast):
    petition = helpers.draft(cast, case_number="2023京01民终")

    petition.refresh_from_db()
    assert petition.case_number == "2023京01民终"
    assert petition.case_year is None
    assert petition.request_text == "请求撤销原判决，依法再审。"


def test_save_draft_normalises_case_number_and_fills_parts(cast):
    petition = helpers.draft(cast, case_number="(2023)京01民终1234号")

    assert petition.case_number == "（2023）京01民终1234号"
    assert petition.case_type_code == "民终"
    assert petition.original_court == cast.court


def test_save_draft_updates_existing_draft(cast):
    petition = helpers.draft(cast)

    services.save_draft(cast.applicant, petition, request_text="新的请求")

    petition.refresh_from_db()
    assert petition.request_text == "新的请求"
    assert petition.facts_and_reasons == "原判决认定事实错误，证据不足。"


def test_save_draft_rejects_overlong_request_naming_the_field(cast):
    with pytest.raises(ValidationFailed) as caught:
        helpers.draft(cast, request_text="请" * 1001)

    assert caught.value.field == "request_text"
    assert caught.value.code == "too_long"
    assert "1000" in str(caught.value)


def test_save_draft_with_same_key_returns_first_draft(cast):
    first = services.save_draft(cast.applicant, idempotency_key="k1", kind=Kind.COMPLAINT)
    second = services.save_draft(cast.applicant, idempotency_key="k1", request_text="补充")

    assert first.pk == second.pk
    assert Petition.objects.filter(applicant=cast.applicant).count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"request_text": ""}, "request_text", "required"),
        ({"facts_and_reasons": "  "}, "facts_and_reasons", "required"),
        ({"receiving_court": None}, "receiving_court", "required"),
        ({"case_number": ""}, "case_number", "required"),
        ({"case_number": "京01民终1234号"}, "case_number", None),
    ],
)
def test_submit_rejects_missing_or_invalid_input(cast, fields, field, code):
    petition = helpers.draft(cast, **fields)

    with pytest.raises(ValidationFailed) as caught:
        services.submit(cast.applicant, petition)

    assert field in [error[0] for error in caught.value.errors]
    if code:
        assert caught.value.code == code
    petition.refresh_from_db()
    assert petition.status == Status.DRAFT
    assert petition.tracking_number is None


def test_submit_case_number_error_shows_expected_form(cast):
    petition = helpers.draft(cast, case_number="京01民终1234号")

    with pytest.raises(ValidationFailed) as caught:
        services.submit(cast.applicant, petition)

    assert caught.value.field == "case_number"
    assert "（2023）京01民终1234号" in str(caught.value)


def test_submit_lists_every_problem_at_once(cast):
    petition = services.save_draft(cast.applicant, kind=Kind.APPEAL)

    with pytest.raises(ValidationFailed) as caught:
        services.submit(cast.applicant, petition)

    fields = {error[0] for error in caught.value.errors}
    assert fields == {"receiving_court", "request_text", "facts_and_reasons", "case_number"}


def test_submit_complaint_needs_no_case_number(cast):
    petition = helpers.draft(cast, kind=Kind.COMPLAINT, case_number="")

    services.submit(cast.applicant, petition)

    assert petition.status == Status.SUBMITTED


def test_submit_requires_complete_profile(cast):
    ApplicantProfile.objects.filter(user=cast.applicant).update(address="")
    petition = helpers.draft(cast)

    with pytest.raises(ValidationFailed) as caught:
        services.submit(cast.applicant, petition)

    assert caught.value.field == "applicant"
    assert caught.value.code == "profile_incomplete"


def test_submit_by_agent_requires_power_of_attorney(cast):
    petition = helpers.draft(cast, cast.agent, applicant=cast.applicant)

    with pytest.raises(ValidationFailed) as caught:
        services.submit(cast.agent, petition)

    assert caught.value.code == "power_of_attorney_missing"


def test_submit_by_agent_with_power_of_attorney(cast):
    petition = helpers.submitted_by_agent(cast)

    assert petition.status == Status.SUBMITTED
    assert petition.applicant == cast.applicant
    assert petition.agent == cast.agent
    assert petition.applicant_name == "张三"


def test_submit_twice_with_same_key_files_once(cast):
    petition = helpers.draft(cast)

    first = services.submit(cast.applicant, petition, idempotency_key="click-1")
    second = services.submit(cast.applicant, petition, idempotency_key="click-1")

    assert first.pk == second.pk
    assert first.tracking_number == second.tracking_number
    assert Event.objects.filter(petition=petition, action="submitted").count() == 1


def test_submit_twice_without_key_raises(cast):
    petition = helpers.draft(cast)
    services.submit(cast.applicant, petition)

    with pytest.raises(InvalidTransition):
        services.submit(cast.applicant, petition)


def test_file_petition_retry_returns_same_matter(cast):
    fields = {
        "kind": Kind.SUGGESTION,
        "receiving_court": cast.court,
        "request_text": "建议延长周末立案窗口时间。",
        "facts_and_reasons": "上班族工作日难以前来。",
    }

    first = services.file_petition(cast.applicant, idempotency_key="api-1", **fields)
    second = services.file_petition(cast.applicant, idempotency_key="api-1", **fields)

    assert first.pk == second.pk
    assert first.status == Status.SUBMITTED
    assert Petition.objects.filter(applicant=cast.applicant).count() == 1


def test_tracking_numbers_count_per_court(cast):
    first = helpers.submitted(cast)
    second = helpers.submitted(cast)
    elsewhere = helpers.submitted(cast, receiving_court=cast.other_court)

    year = first.submitted_at.year
    assert first.tracking_number == f"京01-{year}-000001"
    assert second.tracking_number == f"京01-{year}-000002"
    assert elsewhere.tracking_number == f"沪01-{year}-000001"


@pytest.mark.parametrize("builder", [helpers.draft, helpers.submitted, helpers.received, helpers.accepted])
def test_withdraw_before_reply(cast, builder):
    petition = builder(cast)

    services.withdraw(cast.applicant, petition, reason="已和解")

    assert petition.status == Status.WITHDRAWN
    assert petition.closed_at is not None
