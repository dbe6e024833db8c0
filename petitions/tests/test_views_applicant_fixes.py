"""Drafts offered before a new filing, discarding drafts, file-type and notice wording."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import formats, translation

from notifications.models import Notice, Outbox
from petitions import services
from petitions.attachments import add_attachment
from petitions.errors import InvalidTransition, ValidationFailed
from petitions.models import Event, Petition, Status
from petitions.tests import helpers

pytestmark = pytest.mark.django_db
FILE_URL = reverse("petitions:file")


def test_file_page_offers_existing_draft_first(client, cast):
    petition = helpers.draft(cast)
    client.force_login(cast.applicant)

    html = client.get(FILE_URL).content.decode()

    assert "继续填写草稿" in html
    assert reverse("petitions:edit_draft", args=[petition.pk]) in html
    assert f"{FILE_URL}?new=1" in html
    assert 'id="filing-form"' not in html


def test_file_page_new_parameter_starts_blank_form(client, cast):
    helpers.draft(cast)
    client.force_login(cast.applicant)

    html = client.get(FILE_URL + "?new=1").content.decode()

    assert 'id="filing-form"' in html


def test_file_page_without_drafts_shows_form(client, cast):
    client.force_login(cast.applicant)

    html = client.get(FILE_URL).content.decode()

    assert 'id="filing-form"' in html


def test_discard_draft_withdraws_with_event(cast):
    petition = helpers.draft(cast)

    services.discard_draft(cast.applicant, petition)

    petition.refresh_from_db()
    assert petition.status == Status.WITHDRAWN
    assert petition.submitted_at is None
    assert Event.objects.filter(petition=petition, action="draft_discarded").exists()
    assert Petition.objects.filter(pk=petition.pk).exists()


def test_discard_draft_rejects_submitted_matter(cast):
    petition = helpers.submitted(cast)

    with pytest.raises(InvalidTransition):
        services.discard_draft(cast.applicant, petition)


def test_discard_view_hides_draft_from_my_matters(client, cast):
    petition = helpers.draft(cast)
    client.force_login(cast.applicant)

    url = reverse("petitions:edit_draft", args=[petition.pk])
    response = client.post(url, {"action": "discard", "confirm": "yes"})
    html = client.get(reverse("petitions:my_matters")).content.decode()

    assert response["Location"] == reverse("petitions:my_matters")
    assert reverse("petitions:edit_draft", args=[petition.pk]) not in html
    assert "尚未提交的草稿" not in html


def test_discard_view_asks_for_confirmation_first(client, cast):
    petition = helpers.draft(cast)
    client.force_login(cast.applicant)
    url = reverse("petitions:edit_draft", args=[petition.pk])

    response = client.post(url, {"action": "discard"})

    html = response.content.decode()
    petition.refresh_from_db()
    assert petition.status == Status.DRAFT
    assert "确定删除这份草稿吗" in html
    assert 'name="confirm" value="yes"' in html
    assert f'action="{url}"' in html
    assert helpers.CASE_NUMBER in html


def test_discard_confirmation_of_submitted_matter_goes_to_detail(client, cast):
    petition = helpers.submitted(cast)
    client.force_login(cast.applicant)

    response = client.post(reverse("petitions:edit_draft", args=[petition.pk]), {"action": "discard"})

    assert response["Location"] == reverse("petitions:detail", args=[petition.pk])
    petition.refresh_from_db()
    assert petition.status == Status.SUBMITTED


def test_discard_view_by_other_applicant_is_404(client, cast):
    petition = helpers.draft(cast)
    client.force_login(cast.second_applicant)

    url = reverse("petitions:edit_draft", args=[petition.pk])
    response = client.post(url, {"action": "discard", "confirm": "yes"})

    assert response.status_code == 404
    petition.refresh_from_db()
    assert petition.status == Status.DRAFT


def test_renamed_executable_pdf_says_content_is_not_pdf(cast):
    petition = helpers.draft(cast)
    upload = SimpleUploadedFile("判决书扫描件.pdf", b"MZ\x90\x00" + b"\0" * 200)

    with pytest.raises(ValidationFailed) as caught:
        add_attachment(cast.applicant, petition, upload)

    message = str(caught.value)
    assert "不是真正的PDF文件" in message
    assert "重新导出或扫描" in message


def test_unknown_extension_lists_allowed_types(cast):
    petition = helpers.draft(cast)
    upload = SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\0" * 200)

    with pytest.raises(ValidationFailed) as caught:
        add_attachment(cast.applicant, petition, upload)

    assert "不能上传" in str(caught.value) or "不支持" in str(caught.value)
    assert "真正的" not in str(caught.value)


def test_correction_notice_title_names_matter_and_date(cast, django_capture_on_commit_callbacks):
    petition = helpers.received(cast)

    with django_capture_on_commit_callbacks(execute=True):
        services.request_correction(cast.clerk, petition, items="身份证明")

    petition.refresh_from_db()
    notice = Notice.objects.filter(recipient=cast.applicant).latest("pk")
    assert petition.tracking_number in notice.title
    assert formats.date_format(petition.correction_due) in notice.title


def test_sms_names_tracking_number(cast, django_capture_on_commit_callbacks):
    petition = helpers.received(cast)

    with django_capture_on_commit_callbacks(execute=True):
        services.request_correction(cast.clerk, petition, items="身份证明")

    petition.refresh_from_db()
    text = Outbox.objects.filter(recipient=cast.applicant.phone).latest("pk").text
    assert petition.tracking_number in text


def test_filing_labels_have_no_ascii_colon(client, cast):
    client.force_login(cast.applicant)

    html = client.get(FILE_URL).content.decode()

    assert "</label>" in html
    assert ":</label>" not in html


def test_notice_created_in_english_reads_in_chinese(cast, django_capture_on_commit_callbacks):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        petition = helpers.submitted(cast)

    petition.refresh_from_db()
    notice = Notice.objects.filter(recipient=cast.applicant).latest("pk")
    assert notice.title == f"Matter submitted: matter {petition.tracking_number}"
    assert notice.body.startswith(f"Your matter {petition.tracking_number} was submitted.")
    assert notice.display_title == f"事项已提交：事项编号{petition.tracking_number}"
    assert petition.tracking_number in notice.display_body
    assert "submitted" not in notice.display_body
    assert formats.date_format(petition.receipt_due) in notice.display_body


def test_correction_notice_source_keeps_due_date(cast, django_capture_on_commit_callbacks):
    petition = helpers.received(cast)

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.request_correction(cast.clerk, petition, items="身份证明")

    petition.refresh_from_db()
    notice = Notice.objects.filter(recipient=cast.applicant).latest("pk")
    assert notice.title_source["params"]["date"] == {"date": petition.correction_due.isoformat()}
    assert formats.date_format(petition.correction_due) in notice.display_title
    assert "Materials needed" not in notice.display_title
