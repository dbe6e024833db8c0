"""Correction with the paused clock, transfer, extension, guidance and decline."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from petitions import services
from petitions.errors import InvalidTransition, ValidationFailed
from petitions.models import Attachment, CorrectionNotice, Event, Extension, Petition, Reply, Status, Transfer
from petitions.tests import helpers

CST = datetime.timezone(datetime.timedelta(hours=8))
# Tuesday 2024-03-05 10:00; the acceptance clock (15 days) then ends on 2024-03-20.
START = datetime.datetime(2024, 3, 5, 10, 0, tzinfo=CST)


def test_correction_pauses_and_resumes_acceptance_clock(cast):
    with time_machine.travel(START, tick=False):
        petition = helpers.received(cast)
        assert petition.acceptance_due == datetime.date(2024, 3, 20)

    # Paused on 03-10 with 10 days left.
    with time_machine.travel(START + datetime.timedelta(days=5), tick=False):
        notice = services.request_correction(cast.clerk, petition, items="身份证复印件\n原审判决书")
    assert petition.status == Status.AWAITING_CORRECTION
    assert petition.paused_remaining_days == 10
    assert petition.correction_due == datetime.date(2024, 3, 25)
    assert notice.item_list() == ["身份证复印件", "原审判决书"]

    # Resumed on 03-22: 10 days later is 04-01 (a Monday).
    with time_machine.travel(START + datetime.timedelta(days=17), tick=False):
        services.supplement(cast.applicant, petition, text="已上传", files=[helpers.pdf_upload("身份证.pdf")])

    assert petition.status == Status.RECEIVED
    assert petition.acceptance_due == datetime.date(2024, 4, 1)
    assert petition.paused_clock == ""
    assert petition.resumed_remaining_days == 10
    notice.refresh_from_db()
    assert notice.answered_at is not None
    assert notice.answer_text == "已上传"
    assert petition.attachments.filter(kind=Attachment.Kind.CORRECTION).count() == 1


def test_correction_during_handling_returns_to_accepted(cast):
    with time_machine.travel(START, tick=False):
        petition = helpers.accepted(cast)
        due = petition.handling_due
        services.request_correction(cast.handler, petition, items=["补充证据"])
        assert petition.paused_clock == "handling"
        services.supplement(cast.applicant, petition, text="补充说明")

    assert petition.status == Status.ACCEPTED
    assert petition.handling_due == due


def test_supplement_needs_text_or_file(cast):
    petition = helpers.received(cast)
    services.request_correction(cast.clerk, petition, items="身份证明")

    with pytest.raises(ValidationFailed) as caught:
        services.supplement(cast.applicant, petition, text="  ")

    assert caught.value.field == "answer_text"
    assert petition.status == Status.AWAITING_CORRECTION


def test_correction_needs_an_item(cast):
    petition = helpers.received(cast)

    with pytest.raises(ValidationFailed) as caught:
        services.request_correction(cast.clerk, petition, items=["", "  "])

    assert caught.value.field == "items"
    assert not CorrectionNotice.objects.exists()


def test_transfer_creates_linked_matter_at_target_court(cast):
    petition = helpers.received(cast)

    new = services.transfer(cast.clerk, petition, to_court=cast.other_court, reason="属上海法院管辖。")

    assert petition.status == Status.TRANSFERRED
    assert new.status == Status.SUBMITTED
    assert new.receiving_court == cast.other_court
    assert new.transferred_from == petition
    assert new.tracking_number.startswith("沪01-")
    assert new.tracking_number != petition.tracking_number
    assert new.receipt_due is not None
    assert new.applicant == cast.applicant
    assert new.request_text == petition.request_text
    transfer = Transfer.objects.get(petition=petition)
    assert transfer.new_petition == new
    assert transfer.to_court == cast.other_court
    assert Event.objects.filter(petition=new, action="transferred_in").exists()


def test_transfer_copies_attachments_under_new_names(cast):
    petition = helpers.draft(cast)
    from petitions.attachments import add_attachment

    original = add_attachment(cast.applicant, petition, helpers.pdf_upload("证据.pdf"), kind=Attachment.Kind.EVIDENCE)
    services.submit(cast.applicant, petition)
    services.receive(cast.clerk, petition)

    new = services.transfer(cast.clerk, petition, to_court=cast.other_court, reason="管辖")

    copy = new.attachments.get()
    assert copy.original_name == "证据.pdf"
    assert copy.sha256 == original.sha256
    assert copy.file.name != original.file.name
    assert f"/{new.pk}/" in copy.file.name


def test_transferred_matter_received_at_target(cast):
    petition = helpers.received(cast)
    new = services.transfer(cast.clerk, petition, to_court=cast.other_court, reason="管辖")

    services.receive(cast.other_clerk, new)

    assert new.status == Status.RECEIVED


def test_transfer_to_own_court_rejected(cast):
    petition = helpers.received(cast)

    with pytest.raises(ValidationFailed) as caught:
        services.transfer(cast.clerk, petition, to_court=cast.court, reason="管辖")

    assert caught.value.field == "to_court"


def test_extension_once_only(cast):
    with time_machine.travel(START, tick=False):
        petition = helpers.accepted(cast)
        due = petition.handling_due
        services.extend(cast.head, petition, days=30, reason="案情复杂，需调取卷宗。")

        assert petition.extension_days == 30
        assert petition.extension_used
        assert petition.handling_due > due
        extension = Extension.objects.get(petition=petition)
        assert extension.previous_due == due
        public = Event.objects.get(petition=petition, action="extended").public_message
        assert "案情复杂" in public

        with pytest.raises(InvalidTransition) as caught:
            services.extend(cast.head, petition, days=5, reason="再次延长")
    assert caught.value.code == "already_extended"


@pytest.mark.parametrize("days", [0, 31, -1])
def test_extension_beyond_policy_rejected(cast, days):
    petition = helpers.accepted(cast)

    with pytest.raises(ValidationFailed) as caught:
        services.extend(cast.head, petition, days=days, reason="案情复杂")

    assert caught.value.field == "days"
    assert "30" in str(caught.value)
    assert not Extension.objects.exists()


def test_extension_by_handler_not_allowed(cast):
    from petitions.errors import NotAllowed

    petition = helpers.accepted(cast)

    with pytest.raises(NotAllowed):
        services.extend(cast.handler, petition, days=10, reason="案情复杂")


def test_guide_out_replies_with_competent_body(cast):
    petition = helpers.received(cast)

    services.guide_out(cast.clerk, petition, competent_body="北京市朝阳区人民政府", text="请向区政府信访部门反映。")

    assert petition.status == Status.REPLIED
    reply = Reply.objects.get(petition=petition)
    assert reply.kind == Reply.Kind.GUIDANCE
    assert reply.document is not None
    assert "北京市朝阳区人民政府" in Event.objects.get(petition=petition, action="guided_out").public_message


def test_decline_replies_with_reason(cast):
    petition = helpers.received(cast)

    services.decline(cast.clerk, petition, reason="已经终审且无新证据。")

    assert petition.status == Status.REPLIED
    assert Reply.objects.get(petition=petition).kind == Reply.Kind.DECLINE
    assert petition.rating_due is not None


def test_return_reply_then_redraft_and_approve(cast):
    petition = helpers.accepted(cast)
    services.draft_reply(cast.handler, petition, text="初稿")
    services.submit_reply_for_approval(cast.handler, petition)

    returned = services.return_reply(cast.head, petition, note="请补充法律依据。")
    assert returned.status == Reply.Status.RETURNED

    services.draft_reply(cast.handler, petition, text="修改稿，依据《民事诉讼法》第二百一十一条。")
    services.submit_reply_for_approval(cast.handler, petition)
    approved = services.approve_reply(cast.head, petition)

    assert approved.pk == returned.pk
    assert approved.text.startswith("修改稿")
    assert petition.status == Status.REPLIED


def test_pending_reply_cannot_be_edited(cast):
    petition = helpers.accepted(cast)
    services.draft_reply(cast.handler, petition, text="初稿")
    services.submit_reply_for_approval(cast.handler, petition)

    with pytest.raises(InvalidTransition) as caught:
        services.draft_reply(cast.handler, petition, text="改")

    assert caught.value.code == "reply_pending"
    assert Petition.objects.get(pk=petition.pk).replies.get().text == "初稿"


def test_upload_of_reply_document_by_applicant_not_allowed(cast):
    from petitions.attachments import add_attachment
    from petitions.errors import NotAllowed

    petition = helpers.accepted(cast)
    upload = SimpleUploadedFile("a.pdf", helpers.pdf_bytes())

    with pytest.raises(NotAllowed):
        add_attachment(cast.applicant, petition, upload, kind=Attachment.Kind.REPLY_DOCUMENT)
