from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from accounts import testing, verification
from accounts.errors import AccountError
from accounts.models import PhoneCode
from notifications.models import Outbox

PHONE = "13812345678"
SIGNUP = PhoneCode.Purpose.SIGNUP


def sent_code(phone=PHONE):
    return testing.sent_code(phone)


def send(phone=PHONE, ip="10.0.0.1"):
    return verification.send_code(phone, SIGNUP, ip_address=ip)


@pytest.mark.django_db
def test_send_code_stores_hash_only():
    row = send()
    code = sent_code()

    assert len(code) == 6
    assert code not in row.code_hash
    assert Outbox.objects.get().purpose == "signup_code"
    assert verification.check_code(PHONE, SIGNUP, code) == row


@pytest.mark.django_db
def test_code_expires_after_5_minutes():
    with time_machine.travel(timezone.now(), tick=False) as clock:
        send()
        code = sent_code()

        clock.shift(timedelta(minutes=4, seconds=59))
        assert verification.check_code(PHONE, SIGNUP, code)

        clock.shift(timedelta(seconds=1))
        with pytest.raises(AccountError) as caught:
            verification.check_code(PHONE, SIGNUP, code)

    assert caught.value.code == "code_expired"
    assert "验证码已过期" in str(caught.value)


@pytest.mark.django_db
def test_code_allows_5_tries_then_stops_working():
    send()
    code = sent_code()
    wrong = "000000" if code != "000000" else "111111"

    remaining = []
    for _attempt in range(4):
        with pytest.raises(AccountError) as caught:
            verification.check_code(PHONE, SIGNUP, wrong)
        assert caught.value.code == "code_wrong"
        remaining.append(str(caught.value))

    with pytest.raises(AccountError) as fifth:
        verification.check_code(PHONE, SIGNUP, wrong)
    with pytest.raises(AccountError) as right_code_too_late:
        verification.check_code(PHONE, SIGNUP, code)

    assert remaining[0] == "验证码不正确，您还可以再试4次。"
    assert remaining[3] == "验证码不正确，您还可以再试1次。"
    assert fifth.value.code == "code_locked"
    assert right_code_too_late.value.code == "code_locked"
    assert "重新获取" in str(right_code_too_late.value)


@pytest.mark.django_db
def test_new_code_replaces_the_old_one():
    with time_machine.travel(timezone.now(), tick=False) as clock:
        send()
        old = sent_code()
        clock.shift(timedelta(seconds=61))
        send()
        new = sent_code()

    if old != new:
        with pytest.raises(AccountError):
            verification.check_code(PHONE, SIGNUP, old)
    assert verification.check_code(PHONE, SIGNUP, new)


@pytest.mark.django_db
def test_used_code_cannot_be_used_again():
    row = send()
    code = sent_code()

    assert verification.use_code(verification.check_code(PHONE, SIGNUP, code))
    assert not verification.use_code(row)
    with pytest.raises(AccountError) as caught:
        verification.check_code(PHONE, SIGNUP, code)
    assert caught.value.code == "code_missing"


@pytest.mark.django_db
def test_one_code_per_number_per_minute():
    with time_machine.travel(timezone.now(), tick=False) as clock:
        send()
        clock.shift(timedelta(seconds=30))
        with pytest.raises(AccountError) as caught:
            send()

        clock.shift(timedelta(seconds=30))
        send()

    assert caught.value.code == "sms_rate_limited"
    assert str(caught.value) == "获取验证码过于频繁，请30秒后再试。"
    assert Outbox.objects.count() == 2


@pytest.mark.django_db
def test_ten_codes_per_number_per_day():
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(10):
            send()
            clock.shift(timedelta(minutes=2))
        with pytest.raises(AccountError) as caught:
            send()

        clock.shift(timedelta(hours=24))
        send()

    assert caught.value.code == "sms_rate_limited"
    assert "分钟后再试" in str(caught.value)
    assert Outbox.objects.count() == 11


@pytest.mark.django_db
def test_twenty_codes_per_address_per_hour():
    phones = [f"139{index:08d}" for index in range(21)]
    for phone in phones[:20]:
        send(phone, ip="10.0.0.9")

    with pytest.raises(AccountError) as caught:
        send(phones[20], ip="10.0.0.9")
    send(phones[20], ip="10.0.0.10")

    assert caught.value.code == "sms_rate_limited"
    assert Outbox.objects.filter(recipient=phones[20]).count() == 1


@pytest.mark.django_db
def test_refused_request_keeps_phone_quota():
    for index in range(20):
        send(f"139{index:08d}", ip="10.0.0.9")

    with pytest.raises(AccountError):
        send(PHONE, ip="10.0.0.9")

    # The refusal came from the address limit, so the number may still ask at once elsewhere.
    send(PHONE, ip="10.0.0.10")
