"""End-to-end flows in a real browser: an applicant and court staff, each in their own browser context.

Labels are looked up with gettext, so the tests follow the translations
the pages use (Simplified Chinese by default).
"""

import io
import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext as t
from PIL import Image
from playwright.sync_api import expect

from accounts.testing import resident_id, sent_code
from petitions import services
from petitions.models import Petition, Rating, Reply, Status
from petitions.tests import helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PHONE = "13912345678"
NEW_PASSWORD = "flow-Pass-2024"


def phone_photo():
    """Return a small JPEG with EXIF data, like a photo taken with a phone."""
    image = Image.new("RGB", (64, 48), "white")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def staff_page(page, live_server):
    """Open a second browser context, with its own cookies, for court staff."""
    context = page.context.browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1024, "height": 900}
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def log_in(tab, username, password):
    tab.context.clear_cookies()
    tab.goto(reverse("accounts:login"))
    tab.get_by_label("手机号码或用户名").fill(username)
    tab.get_by_label("密码").fill(password)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_load_state()


def file_input(tab, label):
    # A section heading may contain the same words, so only file inputs count.
    return tab.get_by_label(label).and_(tab.locator("input[type=file]"))


def action_form(tab, heading):
    return tab.get_by_role("form", name=heading)


def open_case_from(tab, url_name, petition):
    tab.goto(reverse(url_name))
    tab.get_by_role("link", name=petition.tracking_number).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text(petition.tracking_number)


def sign_up(page):
    page.goto(reverse("accounts:signup"))
    page.get_by_label("手机号码").fill(NEW_PHONE)
    page.get_by_role("button", name="获取验证码").click()
    page.wait_for_url("**/accounts/signup/verify/")
    page.get_by_label("验证码").fill(sent_code(NEW_PHONE))
    page.get_by_label(re.compile(r"^密码")).fill(NEW_PASSWORD)
    page.get_by_label("再次输入密码").fill(NEW_PASSWORD)
    page.get_by_role("button", name="完成注册").click()

    page.wait_for_url("**/accounts/profile/")
    page.get_by_label("真实姓名").fill("赵六")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill(resident_id("110105", "19550505", "111"))
    page.get_by_label("联系地址").fill("北京市东城区东长安街1号")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**" + reverse("petitions:my_matters"))


def file_appeal(page, court):
    page.goto(reverse("petitions:file"))
    page.get_by_role("radio", name=re.compile("^" + re.escape(t("Appeal")))).check()
    page.get_by_role("textbox", name=t("Case number")).fill("（2023）京01民终1234号")
    page.get_by_role("combobox", name=t("Court that should receive the matter")).select_option(str(court.pk))
    page.get_by_role("textbox", name=t("Your request")).fill("请求撤销（2023）京01民终1234号民事判决，依法再审。")
    page.get_by_role("textbox", name=t("Facts and reasons")).fill("原判决认定借款事实错误，有银行流水为证。")
    file_input(page, t("Judgment or ruling")).set_input_files(
        {"name": "二审判决书.pdf", "mimeType": "application/pdf", "buffer": helpers.pdf_bytes("judgment")}
    )
    file_input(page, t("Evidence")).set_input_files(
        {"name": "IMG_20240501_银行流水.jpg", "mimeType": "image/jpeg", "buffer": phone_photo()}
    )
    page.get_by_role("button", name=t("Submit to the court")).click()
    page.wait_for_url(re.compile(r"/petitions/\d+/"))
    return Petition.objects.get(applicant__phone=NEW_PHONE, status=Status.SUBMITTED)


def test_main_flow_from_sign_up_to_rating(page, live_server, cast):
    sign_up(page)
    petition = file_appeal(page, cast.court)
    assert petition.case_number.startswith("（2023）京01民终1234号")
    names = set(petition.attachments.values_list("original_name", flat=True))
    assert names == {"二审判决书.pdf", "IMG_20240501_银行流水.jpg"}

    # The clerk of 京01 receives it and asks for a missing document.
    staff = staff_page(page, live_server)
    log_in(staff, cast.clerk.username, cast.password)
    expect(staff.get_by_role("link", name=petition.tracking_number)).to_be_visible()
    open_case_from(staff, "petitions:workbench", petition)
    expect(staff.get_by_role("link", name="二审判决书.pdf")).to_be_visible()
    action_form(staff, t("Register the matter")).locator("button[type=submit]").click()
    expect(staff.get_by_text(t("The matter was registered."))).to_be_visible()

    correction = action_form(staff, t("Ask for missing materials"))
    correction.get_by_label(t("Missing materials")).fill("一审判决书\n身份证复印件")
    correction.locator("button[type=submit]").click()
    expect(staff.get_by_text(t("The correction notice was sent to the applicant."))).to_be_visible()

    # The applicant sees the notice and supplies a file.
    page.goto(reverse("petitions:detail", args=[petition.pk]))
    expect(page.get_by_text("身份证复印件").first).to_be_visible()
    page.get_by_label(t("Your answer")).fill("补充一审判决书。")
    file_input(page, t("Files for the requested items")).set_input_files(
        {"name": "一审判决书.pdf", "mimeType": "application/pdf", "buffer": helpers.pdf_bytes("first instance")}
    )
    page.get_by_role("button", name=t("Send the materials")).click()
    page.wait_for_load_state()
    petition.refresh_from_db()
    assert petition.status == Status.RECEIVED

    # The clerk accepts it and assigns the handler.
    staff.reload()
    expect(staff.get_by_role("link", name="一审判决书.pdf")).to_be_visible()
    accept = action_form(staff, t("Accept and assign"))
    accept.get_by_label(t("Department")).select_option(label=cast.department.name)
    accept.get_by_label(t("Handler")).select_option(label=f"{cast.handler.username}（{cast.department.name}）")
    accept.locator("button[type=submit]").click()
    expect(staff.get_by_text(t("The matter was accepted and assigned."))).to_be_visible()

    # The handler drafts the reply and submits it.
    log_in(staff, cast.handler.username, cast.password)
    open_case_from(staff, "petitions:my_cases", petition)
    draft = action_form(staff, t("Draft the reply"))
    draft.get_by_label(t("Reply text")).fill("经复查，原判决认定事实清楚，适用法律正确，申诉理由不能成立。")
    draft.locator("button[type=submit]").click()
    expect(staff.get_by_text(t("The draft reply was saved."))).to_be_visible()
    action_form(staff, t("Submit the reply for approval")).locator("button[type=submit]").click()
    expect(staff.get_by_text(t("The reply was sent to the department head for approval."))).to_be_visible()

    # The department head approves it.
    log_in(staff, cast.head.username, cast.password)
    open_case_from(staff, "petitions:approvals", petition)
    approve = action_form(staff, t("Approve the reply"))
    approve.get_by_label(t("I have read the reply and confirm it is sent to the applicant.")).check()
    approve.locator("button[type=submit]").click()
    expect(staff.get_by_text(t("The reply was approved and sent to the applicant."))).to_be_visible()

    # The applicant reads the reply and rates it.
    page.goto(reverse("petitions:detail", args=[petition.pk]))
    expect(page.get_by_text("申诉理由不能成立").first).to_be_visible()
    page.get_by_role("radio", name=t("Satisfied"), exact=True).check()
    page.get_by_role("button", name=t("Send my rating")).click()
    page.wait_for_load_state()

    petition.refresh_from_db()
    assert petition.status == Status.CLOSED
    assert petition.rating.level == Rating.Level.SATISFIED
    assert Reply.objects.get(petition=petition, kind=Reply.Kind.ANSWER).status == Reply.Status.APPROVED
    staff.context.close()


def test_guide_out_flow(page, live_server, cast):
    petition = helpers.submitted(cast, request_text="请求法院解决劳动报酬纠纷。")

    staff = staff_page(page, live_server)
    log_in(staff, cast.clerk.username, cast.password)
    open_case_from(staff, "petitions:workbench", petition)
    action_form(staff, t("Register the matter")).locator("button[type=submit]").click()
    guide = action_form(staff, t("Guide to the competent body"))
    guide.get_by_label(t("Competent body")).fill("北京市朝阳区劳动人事争议仲裁委员会")
    guide.get_by_label(t("Explanation to the applicant")).fill("劳动报酬争议应先申请劳动仲裁，请携带劳动合同前往申请。")
    guide.get_by_label(t("I have checked the above and confirm it is sent to the applicant.")).check()
    guide.locator("button[type=submit]").click()
    expect(staff.get_by_text(t("The guidance was sent to the applicant."))).to_be_visible()

    log_in(page, cast.applicant.phone, cast.password)
    page.goto(reverse("petitions:detail", args=[petition.pk]))
    expect(page.get_by_text("北京市朝阳区劳动人事争议仲裁委员会").first).to_be_visible()
    expect(page.get_by_text("请携带劳动合同前往申请").first).to_be_visible()
    petition.refresh_from_db()
    assert petition.status == Status.REPLIED
    staff.context.close()


def test_transfer_flow(page, live_server, cast):
    petition = services.receive(cast.clerk, helpers.submitted(cast))

    staff = staff_page(page, live_server)
    log_in(staff, cast.clerk.username, cast.password)
    staff.goto(reverse("petitions:case_file", args=[petition.pk]))
    transfer = action_form(staff, t("Transfer to another court"))
    transfer.get_by_label(t("Transfer to court")).fill("京01")
    transfer.get_by_label(t("Reason for the transfer"), exact=True).fill("原审法院在上海，由上海法院审查。")
    transfer.get_by_label(t("I have checked the court and the reason and confirm the transfer.")).check()
    transfer.locator("button[type=submit]").click()
    # Transferring to the court that already has it is refused, and the reason stays.
    expect(action_form(staff, t("Transfer to another court")).get_by_text(t("The matter is already at this court. Choose another court."))).to_be_visible()
    transfer = action_form(staff, t("Transfer to another court"))
    expect(transfer.get_by_label(t("Reason for the transfer"), exact=True)).to_have_value("原审法院在上海，由上海法院审查。")
    transfer.get_by_label(t("Transfer to court")).fill("沪01")
    transfer.locator("button[type=submit]").click()
    new = Petition.objects.get(transferred_from=petition)
    expect(staff.get_by_text(new.tracking_number).first).to_be_visible()

    # The target court's clerk finds it as a new submission linked to the original.
    log_in(staff, cast.other_clerk.username, cast.password)
    expect(staff.get_by_role("link", name=new.tracking_number)).to_be_visible()
    open_case_from(staff, "petitions:workbench", new)
    expect(staff.get_by_text(petition.tracking_number).first).to_be_visible()
    expect(staff.get_by_text(cast.court.name).first).to_be_visible()
    expect(action_form(staff, t("Register the matter"))).to_be_visible()

    # The applicant's page says which court has it now.
    log_in(page, cast.applicant.phone, cast.password)
    page.goto(reverse("petitions:detail", args=[petition.pk]))
    expect(page.get_by_text(cast.other_court.name).first).to_be_visible()
    staff.context.close()
