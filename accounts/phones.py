"""Mainland China mobile numbers: normalising, validating and masking."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 11 digits, a leading 1 and a second digit 3–9 (all mainland carriers' ranges).
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# People paste numbers with spaces, dashes or a +86 / 0086 country prefix.
SEPARATORS_RE = re.compile(r"[\s\-()（）]")
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９＋", "0123456789+")


def normalise_phone(value):
    """Return the bare 11-digit form of ``value`` without validating it."""
    text = SEPARATORS_RE.sub("", (value or "").translate(FULL_WIDTH_DIGITS))
    for prefix in ("+86", "0086"):
        if text.startswith(prefix) and len(text) == len(prefix) + 11:
            return text[len(prefix) :]
    return text


def validate_phone(value):
    """Return the normalised number, or raise ValidationError with code ``phone_invalid``."""
    phone = normalise_phone(value)
    if not MOBILE_RE.match(phone):
        raise ValidationError(
            _(
                "Enter an 11-digit mainland mobile number starting with 1, "
                "for example 13812345678."
            ),
            code="phone_invalid",
        )
    return phone


def mask_phone(phone):
    """Return ``phone`` with the middle four digits hidden, for example 138****5678."""
    phone = phone or ""
    if len(phone) != 11:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[7:]}"
