"""The applicant's pages: filing, my matters, progress, steps after the reply, downloads."""

import html
import io
import re
import uuid
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import formats
from PIL import Image

from accounts.testing import resident_id
from notifications.models import Notice
from petitions import services
from petitions.attachments import check_content, upload_help_text
from petitions.errors import ValidationFailed
from petitions.models import Attachment, CorrectionNotice, Event, Kind, Petition, Rating, Status
from petitions.tests import helpers
from petitions.views.common import content_disposition

CJK = re.compile("[\u4e00-\u9fff]")
FILE_URL = reverse("petitions:file")


def field_errors(response, name):
    """Return the text of the error list rendered next to form field ``name`` ("" when none)."""
    match = re.search(rf'<ul class="errorlist" id="id_{name}_error">(.*?)</ul>', response.content.decode(), re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))) if match else ""


def page_text(response):
    return html.unescape(response.content.decode())


def filing_data(cast, **overrides):
    data = {
        "idempotency_key": uuid.uuid4().hex,
        "kind": Kind.APPEAL,
        "category": "",
        "case_number": "(2023)京01民终1234号",
        "receiving_court": str(cast.court.pk),
        "court_query": "",
        "request_text": "请求撤销原判决，依法再审。",
        "facts_and_reasons": "原判决认定事实错误，证据不足。",
        "action": "submit",
    }
    data.update(overrides)
    return data


def jpeg_upload(name="照片.jpg"):
    output = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    Image.new("RGB", (40, 30), "white").save(output, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def exe_upload(name="判决书.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")


def domain_message(name, content):
    """Return the message the attachment checks give for this content, in the active language."""
    with pytest.raises(ValidationFailed) as caught:
        check_content(name, content)
    return str(caught.value)


@pytest.fixture
def applicant_client(client, cast):
    client.force_login(cast.applicant)
    return client


# Filing -----------------------------------------------------------------


def test_file_form_shows_key_kinds_and_upload_limits(applicant_client):
    response = applicant_client.get(FILE_URL)

    content = page_text(response)
    assert re.search(r'name="idempotency_key" value="[0-9a-f]{32}"', content)
    assert upload_help_text() in content
    for value in ("appeal", "request", "complaint", "report", "suggestion"):
        assert f'value="{value}"' in content
    assert "filing.js" in content


def test_file_form_requires_login(client):
    response = client.get(FILE_URL)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_filing_valid_appeal_submits_it(
    applicant_client, cast, django_capture_on_commit_callbacks
):
    data = filing_data(cast, files_judgment=[helpers.pdf_upload("判决书.pdf")], files_id_proof=[jpeg_upload()])

    with django_capture_on_commit_callbacks(execute=True):
        response = applicant_client.post(FILE_URL, data)

    petition = Petition.objects.get(applicant=cast.applicant)
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:submitted", args=[petition.pk])
    assert petition.status == Status.SUBMITTED
    assert petition.tracking_number
    assert petition.case_number == "（2023）京01民终1234号"
    assert petition.category == "civil"
    assert petition.receiving_court == cast.court
    assert petition.events.filter(action="submitted").count() == 1
    assert Notice.objects.filter(recipient=cast.applicant, petition_id=petition.pk).exists()
    kinds = sorted(petition.attachments.values_list("kind", "original_name"))
    assert kinds == [("id_proof", "照片.jpg"), ("judgment", "判决书.pdf")]


def test_confirmation_page_shows_tracking_number_and_receipt_date(applicant_client, cast):
    petition = helpers.submitted(cast)

    response = applicant_client.get(reverse("petitions:submitted", args=[petition.pk]))

    content = page_text(response)
    assert petition.tracking_number in content
    due = formats.date_format(petition.receipt_due)
    assert f"法院将在{due}前登记" in content


def test_save_draft_lists_stored_files(applicant_client, cast):
    data = filing_data(cast, action="save", files_evidence=[helpers.pdf_upload("证据一.pdf")])

    response = applicant_client.post(FILE_URL, data)

    petition = Petition.objects.get(applicant=cast.applicant)
    assert petition.status == Status.DRAFT
    assert response["Location"] == reverse("petitions:edit_draft", args=[petition.pk])
    page = applicant_client.get(response["Location"])
    content = page_text(page)
    assert "证据一.pdf" in content
    assert "请求撤销原判决，依法再审。" in content
    assert f'value="{data["idempotency_key"]}"' in content
    assert reverse("petitions:autosave", args=[petition.pk]) in content


def test_filing_empty_submit_names_each_missing_field(applicant_client, cast):
    data = filing_data(cast, kind="", case_number="", receiving_court="", request_text="", facts_and_reasons="")

    response = applicant_client.post(FILE_URL, data)

    assert response.status_code == 400
    for name in ("kind", "receiving_court", "request_text", "facts_and_reasons"):
        assert CJK.search(field_errors(response, name)), name
    assert "诉求" in field_errors(response, "request_text")
    assert "请求撤销原判决" not in page_text(response)
    petition = Petition.objects.get(applicant=cast.applicant)
    assert petition.status == Status.DRAFT


def test_filing_unknown_case_number_is_reported_and_kept(applicant_client, cast):
    data = filing_data(cast, case_number="（2023）京99民终1号")

    response = applicant_client.post(FILE_URL, data)

    assert response.status_code == 400
    assert "京99" in field_errors(response, "case_number")
    assert CJK.search(field_errors(response, "case_number").replace("京99", ""))
    content = page_text(response)
    assert 'value="（2023）京99民终1号"' in content
    assert "原判决认定事实错误，证据不足。" in content
    assert Petition.objects.get(applicant=cast.applicant).status == Status.DRAFT


def form_action(response):
    match = re.search(r'<form method="post" action="([^"]*)"[^>]*id="filing-form"', response.content.decode())
    return match.group(1)


@pytest.mark.parametrize(
    "overrides",
    [
        {"case_number": "（2023）京99民终1号"},
        {"request_text": "", "facts_and_reasons": ""},
        {"action": "save"},
    ],
    ids=["unknown-case-number", "missing-texts", "save-with-bad-case-number"],
)
def test_rejected_first_submit_posts_to_saved_draft(applicant_client, cast, overrides):
    data = filing_data(cast, **overrides)
    if data["action"] == "save":
        data["case_number"] = "2023京01民终"

    response = applicant_client.post(FILE_URL, data)

    assert response.status_code == 400
    draft = Petition.objects.get(applicant=cast.applicant)
    assert draft.status == Status.DRAFT
    assert form_action(response) == reverse("petitions:edit_draft", args=[draft.pk])
    assert f'data-autosave-url="{reverse("petitions:autosave", args=[draft.pk])}"' in page_text(response)


def test_rejected_form_without_draft_posts_to_new_form(applicant_client, cast):
    response = applicant_client.post(FILE_URL, filing_data(cast, kind="nonsense"))

    assert response.status_code == 400
    assert not Petition.objects.filter(applicant=cast.applicant).exists()
    assert form_action(response) == FILE_URL
    assert 'data-autosave-url=""' in page_text(response)


def test_filing_renamed_executable_rejected(applicant_client, cast):
    upload = exe_upload()
    expected = domain_message("判决书.pdf", upload.read())
    upload.seek(0)

    response = applicant_client.post(FILE_URL, filing_data(cast, files_judgment=[upload]))

    assert response.status_code == 400
    assert expected in field_errors(response, "files_judgment")
    assert "判决书.pdf" in field_errors(response, "files_judgment")
    assert "请求撤销原判决，依法再审。" in page_text(response)
    petition = Petition.objects.get(applicant=cast.applicant)
    assert petition.status == Status.DRAFT
    assert not petition.attachments.exists()


def test_filing_oversized_file_is_rejected_and_others_kept(applicant_client, cast, settings):
    settings.PETITION_UPLOAD_MAX_FILE_BYTES = 1500
    small = SimpleUploadedFile("身份证.png", _png_bytes(), content_type="image/png")
    large = helpers.pdf_upload("大文件.pdf", text="x" * 4000)
    large.file.write(b"%" + b"0" * 2000)
    large.file.seek(0)
    large.size = len(large.file.getvalue())

    response = applicant_client.post(FILE_URL, filing_data(cast, files_id_proof=[small], files_evidence=[large]))

    assert response.status_code == 400
    assert "大文件.pdf" in field_errors(response, "files_evidence")
    assert CJK.search(field_errors(response, "files_evidence").replace("大文件", ""))
    petition = Petition.objects.get(applicant=cast.applicant)
    assert list(petition.attachments.values_list("original_name", flat=True)) == ["身份证.png"]
    assert "身份证.png" in page_text(response)


def test_filing_too_many_files_is_rejected(applicant_client, cast, settings):
    settings.PETITION_UPLOAD_MAX_FILES = 2
    files = [helpers.pdf_upload(f"证据{i}.pdf") for i in range(3)]

    response = applicant_client.post(FILE_URL, filing_data(cast, files_evidence=files))

    assert response.status_code == 400
    assert "2" in field_errors(response, "files_evidence")
    assert CJK.search(field_errors(response, "files_evidence"))
    assert not Attachment.objects.exists()


def test_agent_filing_needs_power_of_attorney(client, cast):
    client.force_login(cast.agent)
    data = filing_data(
        cast,
        on_behalf="on",
        applicant_name="张三",
        applicant_id_type="resident_id",
        applicant_id_number=resident_id("110105", "19800101", "001"),
    )

    response = client.post(FILE_URL, data)

    assert response.status_code == 400
    assert CJK.search(field_errors(response, "files_power_of_attorney"))
    petition = Petition.objects.get(agent=cast.agent)
    assert petition.applicant == cast.applicant
    assert petition.status == Status.DRAFT


def test_agent_filing_with_power_of_attorney_is_submitted(client, cast):
    client.force_login(cast.agent)
    data = filing_data(
        cast,
        on_behalf="on",
        applicant_name="张三",
        applicant_id_type="resident_id",
        applicant_id_number=resident_id("110105", "19800101", "001"),
        files_power_of_attorney=[helpers.pdf_upload("授权委托书.pdf")],
    )

    client.post(FILE_URL, data)

    petition = Petition.objects.get(agent=cast.agent)
    assert petition.status == Status.SUBMITTED
    assert petition.applicant == cast.applicant
    assert petition.attachments.get().kind == Attachment.Kind.POWER_OF_ATTORNEY


@pytest.mark.parametrize(
    ("name", "number", "field"),
    [
        # A new applicant needs a mobile number and an address.
        ("张三", resident_id("110105", "19800101", "009"), "applicant_phone"),
        ("张三", resident_id("110105", "19800101", "009"), "applicant_address"),
        ("张四", resident_id("110105", "19800101", "001"), "applicant_name"),
        ("张三", "110105198001010010", "applicant_id_number"),
        ("", resident_id("110105", "19800101", "001"), "applicant_name"),
    ],
)
def test_agent_filing_with_incomplete_applicant_is_rejected(client, cast, name, number, field):
    client.force_login(cast.agent)
    data = filing_data(cast, on_behalf="on", applicant_name=name, applicant_id_number=number)

    response = client.post(FILE_URL, data)

    assert response.status_code == 400
    assert CJK.search(field_errors(response, field))
    assert not Petition.objects.exists()
    assert "请求撤销原判决，依法再审。" in page_text(response)


def test_retried_submit_with_same_key_files_once(applicant_client, cast):
    data = filing_data(cast)

    first = applicant_client.post(FILE_URL, data)
    second = applicant_client.post(FILE_URL, {**data, "files_evidence": [helpers.pdf_upload()]})

    petition = Petition.objects.get(applicant=cast.applicant)
    assert first["Location"] == second["Location"] == reverse("petitions:submitted", args=[petition.pk])
    assert Event.objects.filter(petition=petition, action="submitted").count() == 1
    assert not petition.attachments.exists()


def test_retried_submit_on_draft_page_files_once(applicant_client, cast):
    petition = helpers.draft(cast, idempotency_key="fixed-key")
    url = reverse("petitions:edit_draft", args=[petition.pk])
    data = filing_data(cast, idempotency_key="fixed-key")

    applicant_client.post(url, data)
    second = applicant_client.post(url, data)

    assert second["Location"] == reverse("petitions:submitted", args=[petition.pk])
    assert Petition.objects.filter(applicant=cast.applicant).count() == 1
    assert Event.objects.filter(petition=petition, action="submitted").count() == 1


def test_court_query_picks_single_match(applicant_client, cast):
    data = filing_data(cast, receiving_court="", court_query="上海市第一中级人民法院")

    applicant_client.post(FILE_URL, data)

    assert Petition.objects.get(applicant=cast.applicant).receiving_court == cast.other_court


def test_court_query_without_match_is_reported(applicant_client, cast):
    data = filing_data(cast, receiving_court="", court_query="火星法院")

    response = applicant_client.post(FILE_URL, data)

    assert response.status_code == 400
    assert "火星法院" in field_errors(response, "court_query")
    assert not Petition.objects.exists()


# Autosave and look-ups --------------------------------------------------


def test_autosave_on_new_form_creates_one_draft(applicant_client, cast):
    data = filing_data(cast, action="autosave", request_text="先写一半")

    first = applicant_client.post(FILE_URL, data).json()
    second = applicant_client.post(FILE_URL, {**data, "request_text": "写完了"}).json()

    petition = Petition.objects.get(applicant=cast.applicant)
    assert first["edit_url"] == second["edit_url"] == reverse("petitions:edit_draft", args=[petition.pk])
    assert petition.request_text == "写完了"
    assert petition.status == Status.DRAFT


def test_autosave_updates_draft_and_reports_time(applicant_client, cast):
    petition = helpers.draft(cast)
    url = reverse("petitions:autosave", args=[petition.pk])

    response = applicant_client.post(url, filing_data(cast, facts_and_reasons="补充的事实"))

    petition.refresh_from_db()
    assert petition.facts_and_reasons == "补充的事实"
    assert "saved_at" in response.json()
    assert CJK.search(response.json()["message"])


def test_autosave_of_submitted_matter_is_refused(applicant_client, cast):
    petition = helpers.submitted(cast)

    response = applicant_client.post(reverse("petitions:autosave", args=[petition.pk]), filing_data(cast))

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_draft"


def test_autosave_with_key_of_submitted_matter_is_refused(applicant_client, cast):
    data = filing_data(cast)
    applicant_client.post(FILE_URL, data)

    response = applicant_client.post(FILE_URL, {**data, "action": "autosave", "request_text": "改了"})

    assert response.status_code == 409
    assert Petition.objects.get(applicant=cast.applicant).request_text == "请求撤销原判决，依法再审。"


def test_autosave_of_other_applicants_draft_is_404(client, cast):
    petition = helpers.draft(cast)
    client.force_login(cast.second_applicant)

    response = client.post(reverse("petitions:autosave", args=[petition.pk]), filing_data(cast))

    assert response.status_code == 404
    petition.refresh_from_db()
    assert petition.request_text == "请求撤销原判决，依法再审。"


def test_check_case_number_returns_normalised_and_suggestions(applicant_client, cast):
    response = applicant_client.get(reverse("petitions:check_case_number"), {"q": "(2023)京01民终1234"})

    body = response.json()
    assert body["normalised"] == "（2023）京01民终1234号"
    assert body["category"] == "civil"
    assert body["court"]["code"] == "京01"
    assert [court["code"] for court in body["suggested_courts"]] == ["京01", "京"]


def test_check_case_number_reports_error_with_code(applicant_client, cast):
    response = applicant_client.get(reverse("petitions:check_case_number"), {"q": "（2023）京99民终1号"})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_court"
    assert "京99" in response.json()["error"]["message"]


def test_search_courts_lists_matches(applicant_client, cast):
    response = applicant_client.get(reverse("petitions:search_courts"), {"q": "上海"})

    codes = [court["code"] for court in response.json()]
    assert "沪01" in codes
    assert "京01" not in codes


# My matters and progress ------------------------------------------------


def test_my_matters_lists_own_matters_and_drafts_separately(applicant_client, cast):
    older = helpers.submitted(cast)
    newer = helpers.submitted(cast, kind=Kind.COMPLAINT)
    draft = helpers.draft(cast, request_text="还没写完")
    foreign = services.save_draft(cast.second_applicant, kind=Kind.REPORT, request_text="别人的")

    response = applicant_client.get(reverse("petitions:my_matters"))

    content = page_text(response)
    assert content.index(newer.tracking_number) < content.index(older.tracking_number)
    assert reverse("petitions:edit_draft", args=[draft.pk]) in content
    assert reverse("petitions:edit_draft", args=[foreign.pk]) not in content
    assert f"法院将在{formats.date_format(older.receipt_due)}前登记" in content


def test_my_matters_shows_agents_matters(client, cast):
    petition = helpers.submitted_by_agent(cast)
    client.force_login(cast.agent)

    response = client.get(reverse("petitions:my_matters"))

    assert petition.tracking_number in page_text(response)


def test_my_matters_paginates(applicant_client, cast):
    for _ in range(12):
        helpers.submitted(cast, kind=Kind.SUGGESTION)

    first = applicant_client.get(reverse("petitions:my_matters"))
    second = applicant_client.get(reverse("petitions:my_matters"), {"page": 2})

    assert len(first.context["rows"]) == 10
    assert len(second.context["rows"]) == 2


def test_detail_shows_public_timeline_without_internal_notes(applicant_client, cast):
    petition = helpers.received(cast)
    services.transfer(cast.clerk, petition, to_court=cast.other_court, reason="内部说明：管辖不当")

    response = applicant_client.get(reverse("petitions:detail", args=[petition.pk]))

    content = page_text(response)
    assert "内部说明" not in content
    assert "上海市第一中级人民法院" in content
    new_petition = petition.transfer.new_petition
    assert new_petition.tracking_number in content
    assert reverse("petitions:detail", args=[new_petition.pk]) in content


def test_detail_of_submitted_matter_says_when_court_registers(applicant_client, cast):
    petition = helpers.submitted(cast)

    response = applicant_client.get(reverse("petitions:detail", args=[petition.pk]))

    content = page_text(response)
    assert f"法院将在{formats.date_format(petition.receipt_due)}前登记" in content
    assert reverse("petitions:withdraw", args=[petition.pk]) in content


@pytest.mark.parametrize("who", ["second_applicant", "other_clerk", "analyst"])
def test_detail_and_download_are_404_for_outsiders(client, cast, who):
    petition = helpers.submitted_by_agent(cast)
    attachment = petition.attachments.get()
    client.force_login(getattr(cast, who))

    assert client.get(reverse("petitions:detail", args=[petition.pk])).status_code == 404
    download = reverse("petitions:download", args=[petition.pk, attachment.pk])
    assert client.get(download).status_code == 404


def test_detail_redirects_court_staff_to_case_file(client, cast):
    petition = helpers.submitted(cast)
    client.force_login(cast.clerk)

    response = client.get(reverse("petitions:detail", args=[petition.pk]))

    assert response["Location"] == reverse("petitions:case_file", args=[petition.pk])


# Downloads --------------------------------------------------------------


@pytest.mark.parametrize("who", ["applicant", "agent", "clerk", "supervisor"])
def test_download_streams_file_with_chinese_name(client, cast, who):
    petition = helpers.submitted_by_agent(cast)
    attachment = petition.attachments.get()
    client.force_login(getattr(cast, who))

    response = client.get(reverse("petitions:download", args=[petition.pk, attachment.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('授权委托书.pdf')}" in disposition
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("判决书.pdf", "attachment; filename=\"download.pdf\"; filename*=UTF-8''%E5%88%A4%E5%86%B3%E4%B9%A6.pdf"),
        ('a"b.pdf', "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%22b.pdf"),
        ("证据", "attachment; filename=\"download\"; filename*=UTF-8''%E8%AF%81%E6%8D%AE"),
    ],
)
def test_content_disposition_encodes_names(name, expected):
    assert content_disposition(name) == expected


def test_download_of_attachment_from_other_petition_is_404(applicant_client, cast):
    own = helpers.submitted(cast)
    foreign = services.save_draft(cast.second_applicant, kind=Kind.REPORT)
    attachment = helpers.services_upload(cast.second_applicant, foreign, Attachment.Kind.EVIDENCE)

    response = applicant_client.get(reverse("petitions:download", args=[own.pk, attachment.pk]))

    assert response.status_code == 404


# Correction, rating, withdrawal, review ---------------------------------


def _awaiting_correction(cast):
    petition = helpers.received(cast)
    services.request_correction(cast.clerk, petition, items=["身份证复印件", "原审判决书"])
    petition.refresh_from_db()
    return petition


def test_detail_lists_requested_items_with_upload_form(applicant_client, cast):
    petition = _awaiting_correction(cast)

    response = applicant_client.get(reverse("petitions:detail", args=[petition.pk]))

    content = page_text(response)
    assert "身份证复印件" in content
    assert "原审判决书" in content
    assert reverse("petitions:supplement", args=[petition.pk]) in content
    assert f"请在{formats.date_format(petition.correction_due)}前补充" in content


def test_supplement_answers_correction_notice(applicant_client, cast):
    petition = _awaiting_correction(cast)
    data = {"answer_text": "已补充判决书", "files": [helpers.pdf_upload("原审判决书.pdf")]}

    response = applicant_client.post(reverse("petitions:supplement", args=[petition.pk]), data)

    petition.refresh_from_db()
    assert response["Location"] == reverse("petitions:detail", args=[petition.pk])
    assert petition.status == Status.RECEIVED
    notice = CorrectionNotice.objects.get(petition=petition)
    assert notice.answered_at is not None
    assert notice.answer_text == "已补充判决书"
    assert petition.attachments.get().kind == Attachment.Kind.CORRECTION


def test_supplement_without_text_or_files_keeps_matter_waiting(applicant_client, cast):
    petition = _awaiting_correction(cast)

    response = applicant_client.post(reverse("petitions:supplement", args=[petition.pk]), {"answer_text": " "})

    assert response.status_code == 400
    assert CJK.search(field_errors(response, "answer_text"))
    petition.refresh_from_db()
    assert petition.status == Status.AWAITING_CORRECTION


def test_supplement_with_rejected_file_keeps_text(applicant_client, cast):
    petition = _awaiting_correction(cast)
    data = {"answer_text": "这是补充说明", "files": [exe_upload("补充.pdf")]}

    response = applicant_client.post(reverse("petitions:supplement", args=[petition.pk]), data)

    assert response.status_code == 400
    assert "补充.pdf" in field_errors(response, "files")
    assert "这是补充说明" in page_text(response)
    petition.refresh_from_db()
    assert petition.status == Status.AWAITING_CORRECTION


def test_rating_is_accepted_once(applicant_client, cast):
    petition = helpers.replied(cast)
    url = reverse("petitions:rate", args=[petition.pk])

    applicant_client.post(url, {"level": "satisfied", "comment": "答复清楚"})
    second = applicant_client.post(url, {"level": "dissatisfied"}, follow=True)

    rating = Rating.objects.get(petition=petition)
    assert rating.level == "satisfied"
    assert rating.comment == "答复清楚"
    content = page_text(second)
    assert "答复清楚" in content
    assert 'name="level"' not in content


def test_rating_without_level_shows_error(applicant_client, cast):
    petition = helpers.replied(cast)

    response = applicant_client.post(reverse("petitions:rate", args=[petition.pk]), {"comment": "还行"})

    assert response.status_code == 400
    assert CJK.search(field_errors(response, "level"))
    assert not Rating.objects.exists()


def test_detail_of_replied_matter_links_reply_document(applicant_client, cast):
    petition = helpers.replied(cast)
    reply = petition.replies.get()

    response = applicant_client.get(reverse("petitions:detail", args=[petition.pk]))

    content = page_text(response)
    assert reply.text in content
    assert reverse("petitions:download", args=[petition.pk, reply.document_id]) in content
    assert reverse("petitions:request_review", args=[petition.pk]) in content
    assert reverse("petitions:withdraw", args=[petition.pk]) not in content


def test_withdraw_asks_for_confirmation_then_withdraws(applicant_client, cast):
    petition = helpers.submitted(cast)
    url = reverse("petitions:withdraw", args=[petition.pk])

    confirmation = applicant_client.get(url)
    petition.refresh_from_db()
    assert petition.status == Status.SUBMITTED
    assert petition.tracking_number in page_text(confirmation)

    applicant_client.post(url, {"reason": "已和解"})

    petition.refresh_from_db()
    assert petition.status == Status.WITHDRAWN
    assert petition.events.filter(action="withdrawn").exists()


def test_withdraw_after_reply_is_refused(applicant_client, cast):
    petition = helpers.replied(cast)

    applicant_client.post(reverse("petitions:withdraw", args=[petition.pk]))

    petition.refresh_from_db()
    assert petition.status == Status.REPLIED


def test_withdraw_by_second_applicant_is_404(client, cast):
    petition = helpers.submitted(cast)
    client.force_login(cast.second_applicant)

    response = client.post(reverse("petitions:withdraw", args=[petition.pk]))

    assert response.status_code == 404
    petition.refresh_from_db()
    assert petition.status == Status.SUBMITTED


def test_request_review_files_review_with_court_above(applicant_client, cast):
    petition = helpers.replied(cast)
    url = reverse("petitions:request_review", args=[petition.pk])
    data = {"idempotency_key": "review-key", "request_text": "请求复查", "facts_and_reasons": "答复未回应主要理由"}

    first = applicant_client.post(url, data)
    second = applicant_client.post(url, data)

    review = Petition.objects.get(review_of=petition)
    assert first["Location"] == second["Location"] == reverse("petitions:submitted", args=[review.pk])
    assert review.kind == Kind.REVIEW
    assert review.receiving_court == cast.upper_court


def test_request_review_with_empty_texts_shows_errors(applicant_client, cast):
    petition = helpers.replied(cast)
    data = {"idempotency_key": "k", "request_text": "请求复查", "facts_and_reasons": ""}

    response = applicant_client.post(reverse("petitions:request_review", args=[petition.pk]), data)

    assert response.status_code == 400
    assert CJK.search(field_errors(response, "facts_and_reasons"))
    assert "请求复查" in page_text(response)
    assert not Petition.objects.filter(review_of=petition).exists()


def _png_bytes():
    output = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(output, format="PNG")
    return output.getvalue()
