"""Identity document numbers: GB 11643 resident ID numbers and the other accepted documents.

Each validator returns the normalised number or raises ``ValidationError``
whose ``code`` says which rule failed, so forms and the API can tell the
person exactly what to fix.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO_PERMIT = "hk_macao_permit", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN_PERMIT = "taiwan_permit", _("Mainland travel permit for Taiwan residents")
    OTHER = "other", _("Other identity document")


# GB 11643-1999 (ISO 7064 MOD 11-2): weight of position i is 2^(17-i) mod 11.
CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK_CHARACTERS = "10X98765432"
RESIDENT_ID_RE = re.compile(r"^\d{17}[\dX]$")
EARLIEST_BIRTH_DATE = date(1900, 1, 1)

OTHER_ID_PATTERNS = {
    # Passports of any country: letters and digits only.
    IdType.PASSPORT: re.compile(r"^[A-Z0-9]{5,17}$"),
    # H (Hong Kong) or M (Macao), 8 digits, and on cards issued since 2013 a 2-digit issue count.
    IdType.HK_MACAO_PERMIT: re.compile(r"^[HM]\d{8}(\d{2})?$"),
    # 8 digits since 2015; older booklets carry 10 digits.
    IdType.TAIWAN_PERMIT: re.compile(r"^\d{8}(\d{2})?$"),
    IdType.OTHER: re.compile(r"^[A-Z0-9()（）\-]{4,30}$"),
}
OTHER_ID_MESSAGES = {
    IdType.PASSPORT: _("A passport number has 5 to 17 letters and digits."),
    IdType.HK_MACAO_PERMIT: _(
        "A Hong Kong or Macao permit number is H or M followed by 8 or 10 digits, "
        "for example H12345678."
    ),
    IdType.TAIWAN_PERMIT: _("A Taiwan permit number has 8 or 10 digits."),
    IdType.OTHER: _("An identity document number has 4 to 30 letters and digits."),
}

LAWYER_LICENCE_RE = re.compile(r"^\d{17}$")


def normalise_id_number(value):
    """Return ``value`` upper-cased with spaces removed and full-width characters made half-width."""
    text = "".join((value or "").split())
    text = "".join(chr(ord(ch) - 0xFEE0) if "！" <= ch <= "～" else ch for ch in text)
    return text.upper()


def resident_id_check_character(first_17_digits):
    """Return the GB 11643 check character ("0"–"9" or "X") for 17 leading digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first_17_digits, CHECK_WEIGHTS))
    return CHECK_CHARACTERS[total % 11]


def validate_resident_id(value, *, today=None):
    """Validate an 18-character resident ID number and return it normalised.

    Raises ValidationError with code ``id_number_format`` (length or
    characters), ``id_number_birth_date`` (no such date, or in the future)
    or ``id_number_check_digit``.
    """
    number = normalise_id_number(value)
    if not RESIDENT_ID_RE.match(number):
        raise ValidationError(
            _(
                "A resident ID number has 18 characters: 17 digits and a last character "
                "that is a digit or X. Check the number on your ID card."
            ),
            code="id_number_format",
        )

    birth_date = _birth_date(number[6:14])
    today = today or timezone.localdate()
    if birth_date is None or not EARLIEST_BIRTH_DATE <= birth_date <= today:
        raise ValidationError(
            _(
                "Characters 7 to 14 of a resident ID number are the birth date, and "
                "%(digits)s is not a possible birth date. Check the number on your ID card."
            ),
            code="id_number_birth_date",
            params={"digits": number[6:14]},
        )

    if resident_id_check_character(number[:17]) != number[17]:
        raise ValidationError(
            _(
                "The last character of this resident ID number does not match the others, "
                "so one of them is mistyped. Check the number on your ID card."
            ),
            code="id_number_check_digit",
        )
    return number


def validate_id_number(id_type, value):
    """Validate ``value`` as a number of document type ``id_type`` and return it normalised."""
    if id_type == IdType.RESIDENT_ID:
        return validate_resident_id(value)

    number = normalise_id_number(value)
    pattern = OTHER_ID_PATTERNS.get(id_type, OTHER_ID_PATTERNS[IdType.OTHER])
    if not pattern.match(number):
        message = OTHER_ID_MESSAGES.get(id_type, OTHER_ID_MESSAGES[IdType.OTHER])
        raise ValidationError(message, code="id_number_format")
    return number


def validate_lawyer_licence(value):
    """Validate a lawyer's practising certificate number (执业证号, 17 digits) and return it."""
    number = normalise_id_number(value)
    if not LAWYER_LICENCE_RE.match(number):
        raise ValidationError(
            _("A lawyer's licence number has 17 digits. Copy it from the practising certificate."),
            code="lawyer_licence_format",
        )
    return number


def mask_id_number(number):
    """Return ``number`` with the middle hidden: first 6 and last 4 characters for long numbers.

    Numbers of 10 characters or fewer (passports, permits) show only the
    first and last two characters, so that masking still hides most of them.
    """
    number = number or ""
    if len(number) > 10:
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    if len(number) > 4:
        return number[:2] + "*" * (len(number) - 4) + number[-2:]
    return "*" * len(number)


def _birth_date(digits):
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
