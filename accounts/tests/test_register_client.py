"""Agents registering clients who have no account, and clients claiming those accounts."""

import logging

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import registration
from accounts.errors import AccountError
from accounts.models import ApplicantProfile
from accounts.profiles import is_unclaimed_client, register_client
from accounts.testing import resident_id, sent_code

pytestmark = pytest.mark.django_db
CLIENT_ID = resident_id("110105", "19540312", "021")
CLIENT_PHONE = "13912345678"
PASSWORD = "long-enough-Pass-1"


def client_details(**overrides):
    details = {
        "real_name": "赵老汉",
        "id_type": "resident_id",
        "id_number": CLIENT_ID,
        "phone": CLIENT_PHONE,
        "address": "北京市东城区和平里街道1号",
    }
    details.update(overrides)
    return details


def error_codes(caught):
    return {field: [error.code for error in errors] for field, errors in caught.value.error_dict.items()}


def test_register_client_creates_unclaimed_account(cast):
    user = register_client(cast.agent, **client_details(phone="139 1234 5678"))

    assert user.phone == CLIENT_PHONE
    assert user.phone_confirmed_at is None
    assert not user.has_usable_password()
    assert is_unclaimed_client(user)
    profile = user.applicant_profile
    assert profile.real_name == "赵老汉"
    assert profile.id_number == CLIENT_ID
    assert profile.address == "北京市东城区和平里街道1号"
    assert profile.is_complete
    assert profile.created_by_agent == cast.agent
    assert profile.created_by_agent_at is not None


def test_register_client_normalises_id_number(cast):
    typed = CLIENT_ID[:-1].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + CLIENT_ID[-1].lower()

    user = register_client(cast.agent, **client_details(id_number=f" {typed} "))

    assert user.applicant_profile.id_number == CLIENT_ID


def test_register_client_finds_existing_applicant_by_id_and_name(cast):
    users_before = get_user_model().objects.count()

    found = register_client(
        cast.agent, real_name="张三", id_type="resident_id", id_number=resident_id("110105", "19800101", "001")
    )

    assert found == cast.applicant
    assert get_user_model().objects.count() == users_before
    assert cast.applicant.applicant_profile.created_by_agent is None


def test_register_client_twice_returns_the_same_account(cast):
    first = register_client(cast.agent, **client_details())
    second = register_client(cast.second_applicant, **client_details(phone="", address=""))

    assert second == first
    assert ApplicantProfile.objects.filter(id_number_hash=first.applicant_profile.id_number_hash).count() == 1


def test_register_client_name_mismatch_is_rejected(cast):
    with pytest.raises(ValidationError) as caught:
        register_client(cast.agent, **client_details(real_name="张四", id_number=resident_id("110105", "19800101", "001")))

    assert error_codes(caught) == {"real_name": ["name_mismatch"]}
    assert "身份证" in caught.value.error_dict["real_name"][0].message


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"id_number": CLIENT_ID[:-1] + ("0" if CLIENT_ID[-1] != "0" else "1")}, "id_number", "id_number_check_digit"),
        ({"id_number": "11010519541332021X"}, "id_number", "id_number_birth_date"),
        ({"id_number": "1101051954"}, "id_number", "id_number_format"),
        ({"id_number": ""}, "id_number", "required"),
        ({"id_type": "passport", "id_number": "E1"}, "id_number", "id_number_format"),
        ({"id_type": "driving_licence"}, "id_type", "invalid_choice"),
        ({"real_name": "  "}, "real_name", "required"),
        ({"phone": "12345"}, "phone", "phone_invalid"),
        ({"phone": ""}, "phone", "required"),
        ({"address": " "}, "address", "required"),
    ],
)
def test_register_client_bad_input_names_the_field(cast, overrides, field, code):
    users_before = get_user_model().objects.count()

    with pytest.raises(ValidationError) as caught:
        register_client(cast.agent, **client_details(**overrides))

    assert code in error_codes(caught)[field]
    assert get_user_model().objects.count() == users_before


def test_register_client_reports_every_missing_contact_field(cast):
    with pytest.raises(ValidationError) as caught:
        register_client(cast.agent, **client_details(phone="", address=""))

    assert error_codes(caught) == {"phone": ["required"], "address": ["required"]}


def test_register_client_rejects_phone_of_confirmed_account(cast):
    with pytest.raises(ValidationError) as caught:
        register_client(cast.agent, **client_details(phone=cast.second_applicant.phone))

    assert error_codes(caught) == {"phone": ["phone_taken"]}
    message = caught.value.error_dict["phone"][0]
    assert cast.second_applicant.phone in message.message % message.params
    assert not ApplicantProfile.objects.filter(real_name="赵老汉").exists()


def test_register_client_rejects_phone_of_other_unclaimed_client(cast):
    register_client(cast.agent, **client_details())

    with pytest.raises(ValidationError) as caught:
        register_client(
            cast.agent, **client_details(real_name="钱老太", id_number=resident_id("110105", "19500101", "042"))
        )

    assert error_codes(caught) == {"phone": ["phone_taken"]}


def test_register_client_rejects_agents_own_id(cast):
    own = cast.agent.applicant_profile

    with pytest.raises(ValidationError) as caught:
        register_client(cast.agent, **client_details(real_name=own.real_name, id_number=own.id_number))

    assert error_codes(caught) == {"id_number": ["own_id"]}


def test_register_client_logs_without_personal_numbers(cast, caplog):
    with caplog.at_level(logging.INFO, logger="accounts.profiles"):
        user = register_client(cast.agent, **client_details())

    assert f"Agent {cast.agent.pk} registered client account {user.pk}" in caplog.text
    assert CLIENT_ID not in caplog.text
    assert CLIENT_ID[6:14] not in caplog.text
    assert CLIENT_PHONE not in caplog.text


def test_unclaimed_client_cannot_log_in(cast):
    user = register_client(cast.agent, **client_details())

    assert authenticate(username=CLIENT_PHONE, password="") is None
    assert authenticate(username=user.username, password="anything-at-all") is None


# Claiming the account


def test_signup_with_client_phone_claims_the_account(cast):
    client = register_client(cast.agent, **client_details())

    registration.start_signup(CLIENT_PHONE, ip_address="127.0.0.1")
    claimed = registration.complete_signup(CLIENT_PHONE, sent_code(CLIENT_PHONE), PASSWORD)

    assert claimed.pk == client.pk
    claimed.refresh_from_db()
    assert claimed.check_password(PASSWORD)
    assert claimed.phone_confirmed_at is not None
    assert not is_unclaimed_client(claimed)
    assert claimed.applicant_profile.real_name == "赵老汉"
    assert claimed.applicant_profile.created_by_agent == cast.agent
    assert get_user_model().objects.filter(phone=CLIENT_PHONE).count() == 1


def test_claimed_account_phone_is_registered_again(cast):
    register_client(cast.agent, **client_details())
    assert not registration.phone_is_registered(CLIENT_PHONE)

    registration.start_signup(CLIENT_PHONE, ip_address="127.0.0.1")
    registration.complete_signup(CLIENT_PHONE, sent_code(CLIENT_PHONE), PASSWORD)

    assert registration.phone_is_registered(CLIENT_PHONE)
    with pytest.raises(AccountError) as caught:
        registration.start_signup(CLIENT_PHONE, ip_address="127.0.0.2")
    assert caught.value.code == "phone_registered"


def test_password_reset_of_unclaimed_account_points_to_signup(cast):
    register_client(cast.agent, **client_details())

    with pytest.raises(AccountError) as caught:
        registration.start_password_reset(CLIENT_PHONE, ip_address="127.0.0.1")

    assert caught.value.code == "account_unclaimed"
    assert "注册" in caught.value.message


def test_signup_page_claim_goes_to_my_matters(client, cast):
    register_client(cast.agent, **client_details())

    client.post(reverse("accounts:signup"), {"phone": CLIENT_PHONE})
    data = {"code": sent_code(CLIENT_PHONE), "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(reverse("accounts:signup_verify"), data, follow=True)

    assert response.redirect_chain[0][0] == reverse("petitions:my_matters")
    assert "为您提交的事项列在“我的事项”中" in response.content.decode()
