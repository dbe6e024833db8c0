import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.testing import sent_code

pytestmark = pytest.mark.django_db
PHONE = "13812345678"
PASSWORD = "long-enough-Pass-1"


def ask_code(client, phone=PHONE):
    return client.post(reverse("accounts:signup"), {"phone": phone})


def finish(client, code, password=PASSWORD, again=None):
    data = {"code": code, "password1": password, "password2": again or password}
    return client.post(reverse("accounts:signup_verify"), data)


def test_signup_creates_confirmed_account_and_logs_in(client):
    response = ask_code(client, "138 1234 5678")
    assert response["Location"] == reverse("accounts:signup_verify")

    response = finish(client, sent_code(PHONE))

    user = get_user_model().objects.get(phone=PHONE)
    assert user.phone_confirmed_at is not None
    assert user.check_password(PASSWORD)
    assert response["Location"] == reverse("accounts:profile")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_signup_rejects_invalid_phone_and_keeps_it(client):
    response = ask_code(client, "12345")

    html = response.content.decode()
    assert "请输入以1开头的11位手机号码" in html
    assert 'value="12345"' in html


def test_signup_duplicate_phone_links_to_login_and_reset(client, cast):
    response = ask_code(client, cast.applicant.phone)

    html = response.content.decode()
    assert "该手机号码已注册。请直接登录，或找回密码。" in html
    assert f'href="{reverse("accounts:login")}"' in html
    assert f'{reverse("accounts:password_reset")}?phone={cast.applicant.phone}' in html
    assert f'value="{cast.applicant.phone}"' in html


def test_signup_wrong_code_keeps_code_and_counts_tries(client):
    ask_code(client)
    code = sent_code(PHONE)
    wrong = "000000" if code != "000000" else "111111"

    response = finish(client, wrong)

    html = response.content.decode()
    assert "验证码不正确，您还可以再试4次。" in html
    assert f'value="{wrong}"' in html
    assert not get_user_model().objects.filter(phone=PHONE).exists()


def test_signup_password_mismatch_keeps_the_code_unused(client):
    ask_code(client)
    code = sent_code(PHONE)

    response = finish(client, code, again="another-Pass-2")
    assert "两次输入的密码不一致" in response.content.decode()
    assert f'value="{code}"' in response.content.decode()

    finish(client, code)
    assert get_user_model().objects.filter(phone=PHONE).exists()


def test_signup_weak_password_is_rejected(client):
    ask_code(client)

    response = finish(client, sent_code(PHONE), password="12345678")

    assert "密码" in response.content.decode()
    assert not get_user_model().objects.filter(phone=PHONE).exists()


def test_signup_verify_needs_phone_first(client):
    response = client.get(reverse("accounts:signup_verify"))

    assert response["Location"] == reverse("accounts:signup")


def test_signup_resend_within_a_minute_is_refused(client):
    ask_code(client)

    response = client.post(reverse("accounts:signup_resend"), follow=True)

    assert "获取验证码过于频繁" in response.content.decode()
