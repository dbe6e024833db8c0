"""An applicant files an appeal on a phone, in a real browser."""

import io
import re

import pillow_heif
import pytest
from django.urls import reverse
from PIL import Image

from accounts.testing import build_cast
from petitions.models import Attachment, Petition, Rating, Status
from petitions.tests.helpers import pdf_bytes, replied

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def jpeg_with_exif():
    output = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise
    Image.new("RGB", (64, 48), "white").save(output, format="JPEG", exif=exif)
    return output.getvalue()


def heic_photo():
    output = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (64, 48), "blue")).save(output, quality=60)
    return output.getvalue()


def log_in(page, cast):
    page.goto(reverse("accounts:login"))
    page.get_by_label("手机号码或用户名").fill(cast.applicant.phone)
    page.get_by_label("密码").fill(cast.password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**" + reverse("petitions:my_matters"))


def test_applicant_files_appeal_on_phone(page):
    cast = build_cast()
    log_in(page, cast)

    page.goto(reverse("petitions:file"))
    page.get_by_label("申诉").check()

    # The case number is checked while it is typed.
    page.get_by_role("textbox", name="案号").press_sequentially("(2023)京01民终1234", delay=20)
    result = page.locator("#case-number-result")
    result.get_by_text("（2023）京01民终1234号").wait_for()
    assert "北京市第一中级人民法院" in result.inner_text()
    assert page.get_by_role("combobox", name="受理法院").input_value() == str(cast.court.pk)
    assert page.get_by_role("combobox", name="案件类型").input_value() == "civil"

    page.get_by_role("textbox", name="诉求").fill("请求撤销原判决，依法再审。")
    page.get_by_role("textbox", name="事实与理由").fill("原判决认定事实错误，证据不足。")
    page.get_by_label("判决书或裁定书").set_input_files(
        files=[{"name": "判决书.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("judgment")}]
    )
    page.get_by_label("证据材料").set_input_files(
        files=[
            {"name": "现场照片.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_exif()},
            {"name": "收据.heic", "mimeType": "image/heic", "buffer": heic_photo()},
        ]
    )
    page.get_by_role("button", name="提交给法院").click()

    page.wait_for_url(re.compile(r"/petitions/\d+/submitted/$"))
    petition = Petition.objects.get(applicant=cast.applicant)
    assert petition.status == Status.SUBMITTED
    assert page.locator("#tracking-number").inner_text() == petition.tracking_number
    assert page.get_by_text("法院将在").first.is_visible()
    names = sorted(petition.attachments.values_list("original_name", "kind"))
    assert names == [
        ("判决书.pdf", Attachment.Kind.JUDGMENT),
        ("收据.heic", Attachment.Kind.EVIDENCE),
        ("现场照片.jpg", Attachment.Kind.EVIDENCE),
    ]

    page.get_by_role("link", name="我的事项").last.click()
    page.wait_for_url("**" + reverse("petitions:my_matters"))
    assert page.get_by_role("link", name=petition.tracking_number).is_visible()
    assert page.get_by_text("已提交，等待法院登记").is_visible()


def test_new_draft_is_saved_automatically(page):
    cast = build_cast()
    log_in(page, cast)

    page.goto(reverse("petitions:file"))
    page.get_by_label("投诉").check()
    page.get_by_role("textbox", name="诉求").fill("请求法院尽快执行。")

    page.locator("#autosave-status").get_by_text("自动保存").wait_for(timeout=15_000)
    draft = Petition.objects.get(applicant=cast.applicant)
    assert draft.status == Status.DRAFT
    assert draft.request_text == "请求法院尽快执行。"
    assert page.url.endswith(reverse("petitions:edit_draft", args=[draft.pk]))
    assert page.locator("#filing-form").get_attribute("action") == reverse("petitions:edit_draft", args=[draft.pk])


def test_field_error_clears_once_edited(page):
    cast = build_cast()
    log_in(page, cast)
    page.goto(reverse("petitions:file"))
    page.get_by_label("申诉").check()
    page.get_by_role("textbox", name="案号").fill("2023京01民终")
    page.get_by_role("button", name="保存草稿").click()

    case_field = page.locator(".field").filter(has=page.get_by_role("textbox", name="案号"))
    case_errors = case_field.locator(".errorlist")
    case_errors.first.wait_for()
    assert "has-error" in case_field.get_attribute("class")

    page.get_by_role("textbox", name="案号").press_sequentially("1234号", delay=20)

    assert "has-error" not in case_field.get_attribute("class")
    assert not case_errors.first.is_visible()


def test_rating_error_clears_once_chosen(page):
    cast = build_cast()
    petition = replied(cast)
    log_in(page, cast)
    page.goto(reverse("petitions:detail", args=[petition.pk]))

    rating_form = page.locator("#rating-form")
    rating_form.get_by_role("button", name="提交评价").click()
    summary = rating_form.get_by_text("请修改下面标出的内容")
    choice_error = rating_form.get_by_text("请从三个评价中选择一个。")
    summary.wait_for()
    assert choice_error.is_visible()

    rating_form.get_by_label("基本满意").check()

    assert not summary.is_visible()
    assert not choice_error.is_visible()
    assert rating_form.locator(".has-error").count() == 0
    assert not Rating.objects.filter(petition=petition).exists()


def test_rating_comment_error_stays_after_choice(page):
    cast = build_cast()
    petition = replied(cast)
    log_in(page, cast)
    page.goto(reverse("petitions:detail", args=[petition.pk]))

    rating_form = page.locator("#rating-form")
    comment = rating_form.get_by_role("textbox")
    # The browser stops typing at maxlength, so drop it to let the server reject the text.
    comment.evaluate("box => box.removeAttribute('maxlength')")
    comment.fill("长" * 1001)
    rating_form.get_by_role("button", name="提交评价").click()
    summary = rating_form.get_by_text("请修改下面标出的内容")
    summary.wait_for()

    rating_form.get_by_label("基本满意").check()

    # The comment is still too long, so the summary stays until it is shortened.
    assert summary.is_visible()

    comment.fill("尚可")

    assert not summary.is_visible()


def test_rejected_submit_shows_draft_address(page):
    cast = build_cast()
    log_in(page, cast)
    page.goto(reverse("petitions:file"))
    page.get_by_label("申诉").check()
    page.get_by_role("textbox", name="诉求").fill("请求撤销原判决。")
    page.get_by_role("button", name="提交给法院").click()
    page.locator("#form-errors").wait_for()

    draft = Petition.objects.get(applicant=cast.applicant)
    draft_url = reverse("petitions:edit_draft", args=[draft.pk])
    page.wait_for_url("**" + draft_url)

    page.reload()

    assert page.get_by_role("heading", name="继续填写草稿").is_visible()
    assert page.get_by_role("textbox", name="诉求").input_value() == "请求撤销原判决。"
    assert Petition.objects.filter(applicant=cast.applicant).count() == 1
