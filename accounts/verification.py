"""Six-digit SMS codes that prove a person controls a mobile number.

A code lives 5 minutes and allows 5 wrong entries. Sending is limited per
number (one a minute, ten a day) and per IP address (twenty an hour).
Only a salted HMAC of each code is stored.
"""

import logging
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from accounts.errors import AccountError
from accounts.models import PhoneCode
from accounts.ratelimit import RateLimit, first_blocking
from notifications.sms import send_sms

logger = logging.getLogger(__name__)

CODE_LIFETIME = timedelta(minutes=5)
MAX_ATTEMPTS = 5
PER_PHONE_MINUTE = RateLimit("sms-phone-minute", limit=1, window=60)
PER_PHONE_DAY = RateLimit("sms-phone-day", limit=10, window=24 * 60 * 60)
PER_IP_HOUR = RateLimit("sms-ip-hour", limit=20, window=60 * 60)


def send_code(phone, purpose, *, ip_address):
    """Create a code for ``phone`` and text it; return the PhoneCode row.

    Raises AccountError ``sms_rate_limited`` when the number or the address
    has asked too often; the message says how long to wait.
    """
    limits = [(PER_PHONE_MINUTE, phone), (PER_PHONE_DAY, phone), (PER_IP_HOUR, ip_address)]
    limit, seconds = first_blocking(limits)
    if limit is not None:
        logger.info("SMS code rejected by rate limit %s", limit.name)
        raise AccountError("sms_rate_limited", _wait_message(seconds), field="phone")

    code = f"{secrets.randbelow(10**6):06d}"
    now = timezone.now()
    with transaction.atomic():
        row = PhoneCode.objects.create(
            phone=phone,
            purpose=purpose,
            code_hash=_hash_code(phone, purpose, code),
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
        send_sms(phone, _code_text(code), purpose=f"{purpose}_code")

    for limit, key in limits:
        limit.record(key)
    logger.info("SMS code %s sent for %s", row.pk, purpose)
    return row


def check_code(phone, purpose, code):
    """Return the newest unused PhoneCode if ``code`` matches it, counting a wrong entry.

    Raises AccountError with code ``code_missing``, ``code_expired``,
    ``code_locked`` (5 wrong entries) or ``code_wrong``. The wrong-entry
    count is written at once, so a caller's rollback does not undo it.
    """
    row = (
        PhoneCode.objects.filter(phone=phone, purpose=purpose, used_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    if row is None:
        raise AccountError("code_missing", _("Request a verification code first."), field="code")
    if timezone.now() >= row.expires_at:
        raise AccountError(
            "code_expired",
            _("This code has expired: codes are valid for 5 minutes. Request a new code."),
            field="code",
        )
    if row.attempts >= MAX_ATTEMPTS:
        raise _locked_error()

    if not _code_matches(row, phone, purpose, (code or "").strip()):
        PhoneCode.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
        remaining = MAX_ATTEMPTS - row.attempts - 1
        if remaining <= 0:
            raise _locked_error()
        raise AccountError(
            "code_wrong",
            _("The code is wrong. You can try %(remaining)s more times.") % {"remaining": remaining},
            field="code",
        )
    return row


def use_code(row):
    """Mark ``row`` used; return False when a concurrent request used it first."""
    return PhoneCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=timezone.now()) == 1


def _locked_error():
    return AccountError(
        "code_locked",
        _("The code was entered wrongly 5 times and no longer works. Request a new code."),
        field="code",
    )


def _wait_message(seconds):
    if seconds < 120:
        return _("Too many codes requested. Wait %(seconds)s seconds and try again.") % {
            "seconds": seconds
        }
    minutes = (seconds + 59) // 60
    return _("Too many codes requested. Wait %(minutes)s minutes and try again.") % {
        "minutes": minutes
    }


def _code_text(code):
    return _(
        "Your verification code is %(code)s. It is valid for 5 minutes. "
        "Court staff will never ask you for it."
    ) % {"code": code}


def _hash_code(phone, purpose, code, salt=None):
    salt = salt or secrets.token_hex(8)
    digest = salted_hmac(
        "accounts.PhoneCode", f"{salt}:{phone}:{purpose}:{code}", algorithm="sha256"
    ).hexdigest()
    return f"{salt}${digest}"


def _code_matches(row, phone, purpose, code):
    salt, _digest = row.code_hash.split("$", 1)
    return constant_time_compare(row.code_hash, _hash_code(phone, purpose, code, salt=salt))
