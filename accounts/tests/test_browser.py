import re

import pytest
from django.urls import NoReverseMatch, reverse

from accounts.roles import Role
from accounts.staff import add_staff_member
from accounts.testing import cast_courts, resident_id, sent_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "13612345678"


def url_exists(name):
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def test_signup_profile_and_matters_in_browser(page):
    page.goto("/accounts/signup/")
    page.get_by_label("手机号码").fill(PHONE)
    page.get_by_role("button", name="获取验证码").click()

    page.wait_for_url("**/accounts/signup/verify/")
    assert page.get_by_text("136****5678").first.is_visible()
    page.get_by_label("验证码").fill(sent_code(PHONE))
    page.get_by_label(re.compile(r"^密码")).fill("my-secret-Pass-1")
    page.get_by_label("再次输入密码").fill("my-secret-Pass-1")
    page.get_by_role("button", name="完成注册").click()

    page.wait_for_url("**/accounts/profile/")
    page.get_by_label("真实姓名").fill("孙七")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill(resident_id("110105", "19601010", "234")[:17] + "0")
    page.get_by_label("联系地址").fill("北京市西城区西长安街2号")
    page.get_by_role("button", name="保存").click()

    # A wrong check digit is explained and nothing typed is lost.
    assert page.get_by_text("校验码与前面的数字不符").is_visible()
    assert page.get_by_label("真实姓名").input_value() == "孙七"
    page.get_by_label("证件号码").fill(resident_id("110105", "19601010", "234"))
    page.get_by_role("button", name="保存").click()

    if url_exists("petitions:my_matters"):
        page.wait_for_url("**" + reverse("petitions:my_matters"))
    else:
        page.wait_for_url("**/accounts/")
        assert page.get_by_text("您还没有事项。").is_visible()
        link = page.get_by_role("link", name="提交申诉或信访")
        assert link.get_attribute("href") == reverse("core:file_start")


def test_staff_member_logs_in_and_lands_on_workbench(page):
    court, _upper, _other = cast_courts()
    add_staff_member("browser_clerk", court=court, roles=[Role.INTAKE_CLERK], password="clerk-Pass-2024")

    page.goto("/accounts/login/")
    page.get_by_label("手机号码或用户名").fill("browser_clerk")
    page.get_by_label("密码").fill("clerk-Pass-2024")
    page.get_by_role("button", name="登录").click()

    if url_exists("petitions:workbench"):
        page.wait_for_url("**" + reverse("petitions:workbench"))
    else:
        page.wait_for_url("**/accounts/")
        assert page.get_by_text("北京市第一中级人民法院").first.is_visible()
