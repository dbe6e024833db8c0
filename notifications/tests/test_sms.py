import logging

import pytest

from notifications import sms
from notifications.models import Outbox

pytestmark = pytest.mark.django_db
PHONE = "13812345678"


class FlakyGateway:
    """A gateway that fails the first ``failures`` sends, then succeeds."""

    calls = []
    failures = 0

    def send(self, phone, text):
        FlakyGateway.calls.append((phone, text))
        if len(FlakyGateway.calls) <= FlakyGateway.failures:
            raise ConnectionError("gateway down")


@pytest.fixture
def gateway(settings):
    settings.SMS_SENDER = "notifications.tests.test_sms.FlakyGateway"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    FlakyGateway.calls = []
    FlakyGateway.failures = 0
    return FlakyGateway


def test_outbox_sender_marks_sent_and_logs_masked(caplog):
    with caplog.at_level(logging.INFO, logger="notifications.sms"):
        message = sms.send_sms(PHONE, "您的验证码是123456，5分钟内有效。", purpose="signup_code")

    message.refresh_from_db()
    assert message.status == Outbox.Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert message.text == "您的验证码是123456，5分钟内有效。"
    assert "138****5678" in caplog.text
    assert PHONE not in caplog.text
    assert "123456" not in caplog.text
    assert "您的验证码是******" in caplog.text


def test_masked_recipient_for_display():
    message = sms.send_sms(PHONE, "text", purpose="notice")

    assert message.masked_recipient == "138****5678"
    assert message.recipient == PHONE


def test_other_sender_delivers_after_commit_in_a_task(gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = sms.send_sms(PHONE, "hello", purpose="notice")
        assert gateway.calls == []

    message.refresh_from_db()
    assert gateway.calls == [(PHONE, "hello")]
    assert message.status == Outbox.Status.SENT


def test_failed_delivery_is_retried_then_marked_failed(gateway):
    gateway.failures = 10
    message = Outbox.objects.create(recipient=PHONE, text="hello", purpose="notice")

    for _ in range(sms.MAX_ATTEMPTS):
        assert not sms.deliver(message)

    message.refresh_from_db()
    assert message.attempts == sms.MAX_ATTEMPTS
    assert message.status == Outbox.Status.FAILED
    assert message.last_error == "ConnectionError: gateway down"


def test_delivery_succeeds_on_second_attempt(gateway):
    gateway.failures = 1
    message = Outbox.objects.create(recipient=PHONE, text="hello", purpose="notice")

    assert not sms.deliver(message)
    assert message.status == Outbox.Status.QUEUED
    assert sms.deliver(message)

    message.refresh_from_db()
    assert message.status == Outbox.Status.SENT
    assert message.attempts == 2


def test_redact_digits_hides_codes_phones_and_id_numbers():
    text = "验证码123456，电话13812345678，证件11010519491231002X，案号（2023）京01民终1234号"

    assert sms.redact_digits(text) == (
        "验证码******，电话***********，证件******************，案号（2023）京01民终1234号"
    )
