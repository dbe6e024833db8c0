from datetime import timedelta

import pytest
import time_machine
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import LoginRecord

pytestmark = pytest.mark.django_db


def log_in(client, username, password, ip="10.1.1.1"):
    data = {"username": username, "password": password}
    return client.post(reverse("accounts:login"), data, REMOTE_ADDR=ip)


@pytest.mark.parametrize("spelling", ["13800000001", "138 0000 0001", "+8613800000001"])
def test_applicant_logs_in_with_phone(client, cast, spelling):
    response = log_in(client, spelling, cast.password)

    assert response["Location"] == reverse("core:dashboard")
    assert int(client.session["_auth_user_id"]) == cast.applicant.pk


def test_staff_logs_in_with_username(client, cast):
    log_in(client, "cast_clerk", cast.password)

    assert int(client.session["_auth_user_id"]) == cast.clerk.pk


def test_wrong_password_message_keeps_username(client, cast):
    response = log_in(client, "13800000001", "wrong")

    html = response.content.decode()
    assert "手机号码、用户名或密码不正确" in html
    assert 'value="13800000001"' in html
    assert LoginRecord.objects.filter(user=cast.applicant, kind="failed").count() == 1


def test_five_failures_lock_the_account_for_15_minutes(client, cast):
    start = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(4):
            log_in(client, "13800000001", "wrong")
        response = log_in(client, "13800000001", "wrong")
        until = timezone.localtime(start + timedelta(minutes=15)).strftime("%H:%M")
        assert f"请在{until}之后再登录" in response.content.decode()

        # The right password from another address is refused while the account is locked.
        response = log_in(client, "13800000001", cast.password, ip="10.9.9.9")
        assert "密码错误次数过多" in response.content.decode()
        assert "_auth_user_id" not in client.session

        clock.shift(timedelta(minutes=15, seconds=1))
        log_in(client, "13800000001", cast.password)

    assert int(client.session["_auth_user_id"]) == cast.applicant.pk


def test_lock_counts_phone_and_username_as_one_account(client, cast):
    username = cast.applicant.username
    for identifier in ["13800000001", username, "13800000001", username, "138 0000 0001"]:
        log_in(client, identifier, "wrong")

    response = log_in(client, username, cast.password)

    assert "密码错误次数过多" in response.content.decode()


def test_twenty_failures_lock_the_address(client, cast):
    for index in range(20):
        log_in(client, f"nobody{index}", "wrong", ip="10.2.2.2")

    locked = log_in(client, "cast_clerk", cast.password, ip="10.2.2.2")
    other_address = log_in(client, "cast_clerk", cast.password, ip="10.3.3.3")

    assert "密码错误次数过多" in locked.content.decode()
    assert other_address.status_code == 302


def test_good_login_resets_the_failure_count(client, cast):
    for _ in range(4):
        log_in(client, "13800000001", "wrong")
    log_in(client, "13800000001", cast.password)
    client.logout()

    response = log_in(client, "13800000001", "wrong")

    assert "密码错误次数过多" not in response.content.decode()


def test_login_history_is_kept(client, cast):
    log_in(client, "13800000001", cast.password, ip="10.4.4.4")
    client.post(reverse("accounts:logout"))

    kinds = list(LoginRecord.objects.filter(user=cast.applicant).values_list("kind", "ip_address"))
    assert ("login", "10.4.4.4") in kinds
    assert ("logout", "127.0.0.1") in kinds


def test_production_settings_hash_with_argon2():
    from config import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert production.SESSION_COOKIE_AGE <= 2 * 60 * 60
    assert production.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_argon2_hash_works(settings, cast):
    from config import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    cast.applicant.set_password("argon-Pass-2024")

    assert cast.applicant.password.startswith("argon2$")
    assert cast.applicant.check_password("argon-Pass-2024")


def first_existing_url(*names):
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    raise AssertionError(f"none of {names} exists")


@pytest.mark.parametrize(
    "who, url_names",
    [
        ("applicant", ["petitions:my_matters", "accounts:home"]),
        ("clerk", ["petitions:workbench", "accounts:home"]),
        ("sysadmin", ["petitions:workbench", "admin:index"]),
    ],
)
def test_dashboard_sends_each_user_to_their_start(client, cast, who, url_names):
    client.force_login(getattr(cast, who))

    response = client.get(reverse("core:dashboard"))

    # The petitions pages come first once that app provides them.
    assert response["Location"] == first_existing_url(*url_names)
