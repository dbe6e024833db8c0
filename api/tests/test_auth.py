"""Sign-up by SMS code, login, token refresh and logout."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import LoginRecord
from accounts.testing import PASSWORD, sent_code
from api.models import ApiToken
from api.tests.conftest import error_of
from api.tests.helpers import CJK
from api.tokens import hash_token

NEW_PHONE = "13900000009"


def request_code(api, phone=NEW_PHONE, purpose="signup"):
    return api(None).post("/api/v1/auth/sms-codes", {"phone": phone, "purpose": purpose}, format="json")


def login(api, username, password=PASSWORD):
    return api(None).post("/api/v1/auth/login", {"username": username, "password": password}, format="json")


def bearer(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_signup_with_texted_code_returns_working_tokens(api):
    sent = request_code(api, "139 0000 0009")
    assert sent.status_code == 202
    assert sent.json() == {"phone": "139****0009", "purpose": "signup", "expires_in": 300}

    body = {"phone": NEW_PHONE, "code": sent_code(NEW_PHONE), "password": "new-password-2024"}
    response = api(None).post("/api/v1/auth/signup", body, format="json")

    assert response.status_code == 201
    tokens = response.json()
    assert tokens["token_type"] == "Bearer"
    assert response["Cache-Control"] == "no-store"
    me = bearer(tokens["access_token"]).get("/api/v1/me").json()
    assert me["phone"] == "139****0009"
    assert me["profile_complete"] is False
    assert me["staff"] is None


def test_signup_wrong_code_names_the_field_in_chinese(api):
    request_code(api)
    wrong = "000000" if sent_code(NEW_PHONE) != "000000" else "111111"
    body = {"phone": NEW_PHONE, "code": wrong, "password": "new-password-2024"}

    error = error_of(api(None).post("/api/v1/auth/signup", body, format="json"))

    assert error["code"] == "code_wrong"
    assert error["field"] == "code"
    assert "4" in error["message"]
    assert CJK.search(error["message"])


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"phone": "12345", "code": "123456", "password": "new-password-2024"}, "phone", "phone_invalid"),
        ({"phone": NEW_PHONE, "code": "12ab56", "password": "new-password-2024"}, "code", "code_format"),
        ({"phone": NEW_PHONE, "code": "123456", "password": "12345678"}, "password", "password_entirely_numeric"),
        ({"phone": NEW_PHONE, "code": "123456"}, "password", "required"),
    ],
)
def test_signup_bad_input_lists_field_and_chinese_message(api, body, field, code):
    response = api(None).post("/api/v1/auth/signup", body, format="json")

    error = error_of(response)
    assert response.status_code == 400
    assert error["field"] == field
    assert code in [detail["code"] for detail in error["details"]]
    assert CJK.search(error["message"])


def test_sms_code_for_registered_phone_is_rejected(api, cast):
    error = error_of(request_code(api, cast.applicant.phone))

    assert error["code"] == "phone_registered"
    assert error["field"] == "phone"


def test_sms_code_rate_limited(api):
    request_code(api)
    response = request_code(api)

    assert response.status_code == 429
    assert error_of(response)["code"] == "sms_rate_limited"


def test_password_reset_with_code_changes_password(api, cast):
    phone = cast.applicant.phone
    assert request_code(api, phone, "password_reset").status_code == 202
    body = {"phone": phone, "code": sent_code(phone), "password": "another-password-2024"}

    response = api(None).post("/api/v1/auth/password-reset", body, format="json")

    assert response.status_code == 204
    assert login(api, phone, "another-password-2024").status_code == 200
    assert login(api, phone, PASSWORD).status_code == 401


@pytest.mark.parametrize("who", ["applicant_phone", "staff_username"])
def test_login_returns_tokens_and_records_login(api, cast, who):
    user = cast.applicant if who == "applicant_phone" else cast.clerk
    username = user.phone if who == "applicant_phone" else user.username

    response = login(api, username)

    assert response.status_code == 200
    me = bearer(response.json()["access_token"]).get("/api/v1/me").json()
    assert me["id"] == user.pk
    assert LoginRecord.objects.filter(user=user, kind=LoginRecord.Kind.LOGIN).count() == 1


def test_login_wrong_password_is_401_in_chinese(api, cast):
    response = login(api, cast.applicant.phone, "wrong-password")

    error = error_of(response)
    assert response.status_code == 401
    assert error["code"] == "invalid_login"
    assert CJK.search(error["message"])


def test_login_locks_after_five_wrong_passwords(api, cast):
    for _attempt in range(4):
        assert login(api, cast.applicant.phone, "wrong-password").status_code == 401

    fifth = login(api, cast.applicant.phone, "wrong-password")
    with_right_password = login(api, cast.applicant.phone)

    assert fifth.status_code == 429
    assert error_of(fifth)["code"] == "login_locked"
    assert int(fifth["Retry-After"]) > 0
    assert with_right_password.status_code == 429


def test_tokens_are_stored_hashed(api, cast):
    tokens = login(api, cast.applicant.phone).json()

    stored = set(ApiToken.objects.values_list("token_hash", flat=True))
    assert hash_token(tokens["access_token"]) in stored
    assert hash_token(tokens["refresh_token"]) in stored
    assert tokens["access_token"] not in stored


def test_access_token_expires_after_15_minutes(api, cast):
    tokens = login(api, cast.applicant.phone).json()
    client = bearer(tokens["access_token"])

    with time_machine.travel(timezone.now() + timedelta(minutes=14)):
        assert client.get("/api/v1/me").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert error_of(response)["code"] == "token_expired"
    assert response["WWW-Authenticate"] == "Bearer"


def test_refresh_rotates_and_reuse_ends_the_login(api, cast):
    first = login(api, cast.applicant.phone).json()

    refreshed = api(None).post("/api/v1/auth/refresh", {"refresh_token": first["refresh_token"]}, format="json")
    assert refreshed.status_code == 200
    second = refreshed.json()
    assert bearer(second["access_token"]).get("/api/v1/me").status_code == 200
    assert bearer(first["access_token"]).get("/api/v1/me").status_code == 401

    reused = api(None).post("/api/v1/auth/refresh", {"refresh_token": first["refresh_token"]}, format="json")
    assert reused.status_code == 401
    assert error_of(reused)["code"] == "token_reused"
    # A copied refresh token ends the whole login, the legitimate new tokens too.
    assert bearer(second["access_token"]).get("/api/v1/me").status_code == 401
    again = api(None).post("/api/v1/auth/refresh", {"refresh_token": second["refresh_token"]}, format="json")
    assert again.status_code == 401


def test_refresh_token_expires_after_30_days(api, cast):
    tokens = login(api, cast.applicant.phone).json()

    with time_machine.travel(timezone.now() + timedelta(days=31)):
        response = api(None).post("/api/v1/auth/refresh", {"refresh_token": tokens["refresh_token"]}, format="json")

    assert response.status_code == 401
    assert error_of(response)["code"] == "token_expired"


def test_logout_revokes_access_and_refresh_token(api, cast):
    tokens = login(api, cast.applicant.phone).json()
    client = bearer(tokens["access_token"])

    assert client.post("/api/v1/auth/logout").status_code == 204

    after = client.get("/api/v1/me")
    assert error_of(after)["code"] == "token_revoked"
    refresh = api(None).post("/api/v1/auth/refresh", {"refresh_token": tokens["refresh_token"]}, format="json")
    assert refresh.status_code == 401


@pytest.mark.parametrize(
    ("header", "code"),
    [(None, "not_authenticated"), ("Bearer not-a-token", "token_invalid"), ("Token abc", "token_invalid")],
)
def test_protected_endpoint_without_valid_token_is_401(db, header, code):
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get("/api/v1/petitions")

    assert response.status_code == 401
    assert error_of(response)["code"] == code
    assert CJK.search(error_of(response)["message"])
