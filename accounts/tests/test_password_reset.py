import pytest
from django.urls import reverse

from accounts import throttling
from accounts.testing import sent_code

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "brand-new-Pass-7"


def ask_code(client, phone):
    return client.post(reverse("accounts:password_reset"), {"phone": phone})


def set_password(client, code, password=NEW_PASSWORD):
    data = {"code": code, "password1": password, "password2": password}
    return client.post(reverse("accounts:password_reset_verify"), data)


def test_reset_sets_new_password_by_sms_code(client, cast):
    ask_code(client, cast.applicant.phone)

    response = set_password(client, sent_code(cast.applicant.phone))

    cast.applicant.refresh_from_db()
    assert response["Location"] == reverse("accounts:login")
    assert cast.applicant.check_password(NEW_PASSWORD)
    assert not cast.applicant.check_password(cast.password)


def test_reset_unknown_phone_suggests_signup_and_keeps_number(client, cast):
    response = ask_code(client, "13999999999")

    html = response.content.decode()
    assert "没有使用该手机号码的账号" in html
    assert f'href="{reverse("accounts:signup")}"' in html
    assert 'value="13999999999"' in html


def test_reset_wrong_code_changes_nothing(client, cast):
    ask_code(client, cast.applicant.phone)
    code = sent_code(cast.applicant.phone)
    wrong = "000000" if code != "000000" else "111111"

    response = set_password(client, wrong)

    cast.applicant.refresh_from_db()
    assert "验证码不正确" in response.content.decode()
    assert cast.applicant.check_password(cast.password)


def test_reset_code_cannot_sign_up(client, cast):
    ask_code(client, cast.applicant.phone)
    code = sent_code(cast.applicant.phone)
    client.session.flush()

    from accounts import verification
    from accounts.errors import AccountError

    with pytest.raises(AccountError) as caught:
        verification.check_code(cast.applicant.phone, "signup", code)
    assert caught.value.code == "code_missing"


def test_reset_lifts_the_login_lock(client, cast):
    for _ in range(5):
        throttling.record_login_failure(cast.applicant.phone, "10.5.5.5")
    assert throttling.locked_until(cast.applicant.phone, "10.6.6.6") is not None

    ask_code(client, cast.applicant.phone)
    set_password(client, sent_code(cast.applicant.phone))

    assert throttling.locked_until(cast.applicant.phone, "10.6.6.6") is None
