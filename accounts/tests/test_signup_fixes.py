from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.forms import NewPasswordForm, ProfileForm
from accounts.testing import sent_code

pytestmark = pytest.mark.django_db
PHONE = "13812345678"
PASSWORD = "long-enough-Pass-1"


def ask_code(client, phone=PHONE, next_url=""):
    url = reverse("accounts:signup")
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return client.post(url, {"phone": phone, "next": next_url})


def finish(client, code, password=PASSWORD, again=None):
    data = {"code": code, "password1": password, "password2": again or password}
    return client.post(reverse("accounts:signup_verify"), data)


def wrong_code():
    return "000000" if sent_code(PHONE) != "000000" else "111111"


def test_short_password_error_is_chinese_on_password_field():
    form = NewPasswordForm({"code": "123456", "password1": "abc", "password2": "abc"})

    assert not form.is_valid()
    assert "密码太短，请至少使用8个字符。" in form.errors["password1"]
    assert "password2" not in form.errors


def test_signup_lists_wrong_code_and_mismatch_together(client):
    ask_code(client)

    response = finish(client, wrong_code(), password=PASSWORD, again=PASSWORD + "x")

    form = response.context["form"]
    assert "验证码不正确，您还可以再试4次。" in form.errors["code"]
    assert "两次输入的密码不一致，请输入相同的密码。" in form.errors["password2"]


def test_signup_right_code_stays_usable_after_bad_password(client):
    ask_code(client)
    code = sent_code(PHONE)

    response = finish(client, code, password="abc")
    assert "code" not in response.context["form"].errors

    finish(client, code)
    assert get_user_model().objects.filter(phone=PHONE).exists()


def test_signup_keeps_next_until_profile(client):
    target = reverse("core:file_start")
    ask_code(client, next_url=target)

    response = finish(client, sent_code(PHONE))

    assert response["Location"] == reverse("accounts:profile") + "?" + urlencode({"next": target})


def test_signup_ignores_next_to_other_site(client):
    ask_code(client, next_url="https://example.com/")

    response = finish(client, sent_code(PHONE))

    assert response["Location"] == reverse("accounts:profile")


def test_login_page_explains_progress_and_links_signup(client):
    target = reverse("core:progress_start")

    response = client.get(reverse("core:progress_start"), follow=True)

    html = response.content.decode()
    assert "要查看事项进度，请先登录" in html
    assert f'{reverse("accounts:signup")}?next={target}' in html


def test_login_page_without_next_has_no_progress_note(client):
    response = client.get(reverse("accounts:login"))

    assert "要查看事项进度，请先登录" not in response.content.decode()


def test_profile_labels_have_no_ascii_colon():
    html = ProfileForm().as_div()

    assert "？:" not in html
    assert "律师执业证号（仅律师填写）" in html


def test_profile_form_shows_step_three_and_header_link(client, django_user_model):
    user = django_user_model.objects.create_user("m1", password=PASSWORD, phone=PHONE)
    client.force_login(user)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert "第3步" in html
    assert 'id="lawyer-licence-field"' in html
    assert f'<a href="{reverse("accounts:profile")}">个人信息</a>' in html
