"""A lawyer files on a phone for a client who has no account, in a real browser."""

import re

import pytest
from django.urls import reverse

from accounts.profiles import is_unclaimed_client
from accounts.testing import build_cast, resident_id
from notifications.models import Outbox
from petitions.models import Attachment, Petition, Status
from petitions.tests.helpers import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CLIENT_PHONE = "13912345678"


def log_in_as_agent(page, cast):
    page.goto(reverse("accounts:login"))
    page.get_by_label("手机号码或用户名").fill(cast.agent.phone)
    page.get_by_label("密码").fill(cast.password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**" + reverse("petitions:my_matters"))


def test_agent_files_for_new_client_on_phone(page):
    cast = build_cast()
    log_in_as_agent(page, cast)

    page.goto(reverse("petitions:file"))
    page.get_by_label("申诉").check()
    page.get_by_role("textbox", name="案号").fill("（2023）京01民终1234号")
    page.get_by_role("combobox", name="受理法院").locator("option", has_text="北京市第一中级人民法院").wait_for(
        state="attached"
    )
    page.get_by_role("combobox", name="受理法院").select_option(str(cast.court.pk))

    # The client fields appear only once "filing for someone else" is ticked.
    phone_field = page.get_by_label("申请人手机号码")
    assert not phone_field.is_visible()
    page.get_by_label("我是代理人，替别人提交").check()
    page.get_by_label("申请人姓名").fill("赵老汉")
    page.get_by_label("申请人证件号码").fill(resident_id("110105", "19540312", "021"))
    phone_field.fill("139 1234 5678")
    page.get_by_label("申请人地址").fill("北京市东城区和平里街道1号")

    page.get_by_role("textbox", name="诉求").fill("请求撤销原判决，依法再审。")
    page.get_by_role("textbox", name="事实与理由").fill("原判决认定事实错误，证据不足。")
    page.get_by_label("授权委托书").set_input_files(
        files=[{"name": "授权委托书.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("power of attorney")}]
    )
    page.get_by_role("button", name="提交给法院").click()

    page.wait_for_url(re.compile(r"/petitions/\d+/submitted/$"))
    petition = Petition.objects.get(agent=cast.agent)
    assert petition.status == Status.SUBMITTED
    assert page.locator("#tracking-number").inner_text() == petition.tracking_number
    assert petition.applicant.phone == CLIENT_PHONE
    assert is_unclaimed_client(petition.applicant)
    assert petition.attachments.get().kind == Attachment.Kind.POWER_OF_ATTORNEY
    text = Outbox.objects.get(recipient=CLIENT_PHONE).text
    assert petition.tracking_number in text
    assert "王五" in text
