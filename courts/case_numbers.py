"""Parse and normalise case numbers (案号).

A case number has the form set by 《最高人民法院关于人民法院案件案号的若干规定》
(in force since 1 January 2016, amended in 2018)::

    （year）court code [specialised-trial code] type code serial 号
    （2023）京01民终1234号        （2019）最高法知民终1号

The court code is 最高法, a one-character province abbreviation (high
court), the abbreviation and 2 digits (intermediate and some special
courts, such as 京73) or the abbreviation and 4 digits (basic courts, such as
京0105 or 京0491). Type codes always start with a Chinese character, so the
digit run after the abbreviation is read whole as part of the court code.

Input that is unambiguous but untidy is normalised, and each step is listed
in ``ParsedCaseNumber.normalisations``. Everything else raises
``CaseNumberError`` with a stable ``code``.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courts.case_types import (
    SPECIALISED_TRIAL_CODES,
    CaseCategory,
    CaseClass,
    CaseProcedure,
    match_case_type,
)
from courts.models import Court

__all__ = [
    "CaseCategory",
    "CaseClass",
    "CaseNumberError",
    "CaseProcedure",
    "ErrorCode",
    "Normalisation",
    "ParsedCaseNumber",
    "parse_case_number",
    "validate_case_number",
]

# The rules on case numbers took effect on this year's 1 January.
FIRST_YEAR = 2016
SUPREME_COURT_CODE = "最高法"
PROVINCE_CODES = frozenset("京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新兵")
# Digits after a province abbreviation: none (high court), 2 (intermediate
# and special courts at that level) or 4 (basic and special courts below).
COURT_DIGIT_COUNTS = frozenset({0, 2, 4})
CHINA_TIME_ZONE = ZoneInfo("Asia/Shanghai")

OPENING_BRACKETS = "（(〔[【［"
CLOSING_BRACKETS = "）)〕]】］"
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
TRAILING_PERIODS = "。．."
YEAR_IN_BRACKETS = re.compile(
    f"[{re.escape(OPENING_BRACKETS)}]([^{re.escape(CLOSING_BRACKETS)}]*)[{re.escape(CLOSING_BRACKETS)}]"
)
# 之一, 之二 … after 号 number the documents of one case, not the case.
DOCUMENT_SUFFIX = re.compile("之[一二三四五六七八九十]+")
EXPECTED_FORM = "（2023）京01民终1234号"
# A bare four-digit year is unambiguous only when a court code follows it.
YEAR_WITHOUT_BRACKETS = re.compile(f"(\\d{{4}})(?={SUPREME_COURT_CODE}|[{''.join(sorted(PROVINCE_CODES))}])")


class ErrorCode:
    """Stable values of ``CaseNumberError.code``."""

    EMPTY = "empty"
    MISSING_YEAR = "missing_year"
    INVALID_YEAR = "invalid_year"
    FUTURE_YEAR = "future_year"
    YEAR_BEFORE_2016 = "year_before_2016"
    OLD_FORMAT = "old_format"
    UNKNOWN_COURT = "unknown_court"
    UNKNOWN_TYPE = "unknown_type"
    MISSING_SERIAL = "missing_serial"
    ZERO_SERIAL = "zero_serial"
    TRAILING_TEXT = "trailing_text"


class Normalisation:
    """Stable values in ``ParsedCaseNumber.normalisations``."""

    WHITESPACE = "whitespace"
    FULLWIDTH_DIGITS = "fullwidth_digits"
    BRACKETS = "brackets"
    TRAILING_PERIOD = "trailing_period"
    SERIAL_LEADING_ZEROS = "serial_leading_zeros"
    ADDED_HAO = "added_hao"
    DOCUMENT_SUFFIX = "document_suffix"
    TRADITIONAL_HAO = "traditional_hao"
    ADDED_YEAR_BRACKETS = "added_year_brackets"


class CaseNumberError(ValueError):
    """A case number that cannot be read.

    ``code`` is one of ``ErrorCode``, ``part`` the offending fragment of the
    input after normalisation (may be empty), and ``str()`` the message in
    the active language.
    """

    def __init__(self, code, part, message, **params):
        super().__init__(code, part)
        self.code = code
        self.part = part
        self.template = message
        self.params = {"part": part, **params}

    @property
    def message(self):
        return str(self.template) % self.params

    def __str__(self):
        return self.message


@dataclass(frozen=True)
class ParsedCaseNumber:
    normalised: str
    year: int
    court_code: str
    specialised_code: str
    type_code: str
    category: str
    procedure: str
    serial: int
    court: Court | None
    case_class: str = ""
    normalisations: tuple[str, ...] = ()

    def __str__(self):
        return self.normalised

    @property
    def category_label(self):
        return CaseCategory(self.category).label

    @property
    def procedure_label(self):
        return CaseProcedure(self.procedure).label


def parse_case_number(text):
    """Parse ``text`` into a ``ParsedCaseNumber``.

    Raises ``CaseNumberError`` when the text is not a case number of the
    2016 form. When the court registry has any court in it, the court code
    must be in the registry. With an empty registry a well-formed code is
    accepted and ``court`` is None.
    """
    normalisations = []
    text = _tidy(text or "", normalisations)
    if not text:
        raise CaseNumberError(
            ErrorCode.EMPTY, "", _("Enter the case number, for example 「（2023）京01民终1234号」.")
        )

    year, rest = _read_year(text, normalisations)
    court_code, rest = _read_court_code(rest)
    court = _find_court(court_code)
    specialised_code, case_type, rest = _read_type(rest)
    serial, rest = _read_serial(rest, normalisations)
    _check_ending(rest, normalisations)

    return ParsedCaseNumber(
        normalised=f"（{year}）{court_code}{specialised_code}{case_type.code}{serial}号",
        year=year,
        court_code=court_code,
        specialised_code=specialised_code,
        type_code=case_type.code,
        category=case_type.category,
        procedure=case_type.procedure,
        serial=serial,
        court=court,
        case_class=case_type.case_class,
        normalisations=tuple(normalisations),
    )


def validate_case_number(value):
    """Form and model validator: raise ``ValidationError`` with the parser's code."""
    try:
        parse_case_number(value)
    except CaseNumberError as error:
        raise ValidationError(error.template, code=error.code, params=error.params) from error


def _tidy(text, normalisations):
    compact = "".join(text.split())
    if compact != text:
        normalisations.append(Normalisation.WHITESPACE)

    ascii_digits = compact.translate(FULLWIDTH_DIGITS)
    if ascii_digits != compact:
        normalisations.append(Normalisation.FULLWIDTH_DIGITS)

    simplified = ascii_digits.replace("號", "号")
    if simplified != ascii_digits:
        normalisations.append(Normalisation.TRADITIONAL_HAO)

    stripped = simplified.rstrip(TRAILING_PERIODS)
    if stripped != simplified:
        normalisations.append(Normalisation.TRAILING_PERIOD)
    return stripped


def _read_year(text, normalisations):
    bare = YEAR_WITHOUT_BRACKETS.match(text)
    if bare is not None:
        text = f"（{bare.group(1)}）{text[bare.end():]}"
        normalisations.append(Normalisation.ADDED_YEAR_BRACKETS)

    match = YEAR_IN_BRACKETS.match(text)
    if match is None:
        part = re.match(r"\d+|.", text).group()
        raise CaseNumberError(
            ErrorCode.MISSING_YEAR,
            part,
            _(
                "The case number must start with the year in brackets, "
                "for example 「（2023）京01民终1234号」."
            ),
        )
    if match.group(0)[0] != "（" or match.group(0)[-1] != "）":
        normalisations.append(Normalisation.BRACKETS)

    rest = text[match.end() :]
    # The old form （2015）京01民终字第123号 is recognised by 字第 and
    # rejected before the year checks, which would give a vaguer message.
    if "字第" in rest:
        raise CaseNumberError(
            ErrorCode.OLD_FORMAT,
            "字第",
            _(
                "This case number has the form used before 2016 (with 字第), "
                "which cannot be checked here. Case numbers since 2016 look like "
                "「（2023）京01民终1234号」."
            ),
        )

    year_text = match.group(1)
    if not re.fullmatch(r"\d{4}", year_text):
        raise CaseNumberError(
            ErrorCode.INVALID_YEAR,
            match.group(0),
            _(
                "The year 「%(part)s」 must have four digits, "
                "for example 「（2023）京01民终1234号」."
            ),
        )
    year = int(year_text)
    _check_year(year, year_text)
    return year, rest


def _check_year(year, year_text):
    current_year = datetime.now(CHINA_TIME_ZONE).year
    if year > current_year:
        raise CaseNumberError(
            ErrorCode.FUTURE_YEAR,
            year_text,
            _(
                "The year %(part)s is later than this year. Check the year in brackets, "
                "for example 「（2023）京01民终1234号」."
            ),
        )
    if year < FIRST_YEAR:
        raise CaseNumberError(
            ErrorCode.YEAR_BEFORE_2016,
            year_text,
            _(
                "Case numbers of this form start in 2016, but the year is %(part)s. "
                "Check the year in brackets, for example 「（2023）京01民终1234号」."
            ),
        )


def _read_court_code(text):
    if text.startswith(SUPREME_COURT_CODE):
        prefix = SUPREME_COURT_CODE
    elif text[:1] in PROVINCE_CODES:
        prefix = text[:1]
    else:
        raise _unknown_court_shape(_court_fragment(text))

    digits = re.match(r"\d*", text[len(prefix) :]).group()
    code = prefix + digits
    allowed_counts = {0} if prefix == SUPREME_COURT_CODE else COURT_DIGIT_COUNTS
    if len(digits) not in allowed_counts:
        raise _unknown_court_shape(code)
    return code, text[len(code) :]


def _court_fragment(text):
    """Return the part of ``text`` that was meant as a court code, for the error."""
    for index in range(len(text)):
        if match_case_type(text[index:]):
            return text[:index]
    match = re.match(r"\D*?\d+", text)
    return match.group() if match else text[:1]


def _unknown_court_shape(part):
    if not part:
        return CaseNumberError(
            ErrorCode.UNKNOWN_COURT,
            part,
            _(
                "The court code is missing. After the year comes the court code, such as 京01, "
                "for example 「（2023）京01民终1234号」."
            ),
        )
    return CaseNumberError(
        ErrorCode.UNKNOWN_COURT,
        part,
        _(
            "「%(part)s」 is not a valid court code. After the year comes the court code, "
            "such as 京01, for example 「（2023）京01民终1234号」."
        ),
    )


def _find_court(code):
    court = Court.objects.filter(code=code).first()
    if court is None and Court.objects.exists():
        raise CaseNumberError(
            ErrorCode.UNKNOWN_COURT,
            code,
            _(
                "No court has the code 「%(part)s」. Check the court code after the year, "
                "for example 「（2023）京01民终1234号」."
            ),
        )
    return court


def _read_type(text):
    specialised_code = ""
    case_type = None
    if text[:1] in SPECIALISED_TRIAL_CODES:
        case_type = match_case_type(text[1:])
        if case_type is not None:
            specialised_code = text[:1]
    if case_type is None:
        case_type = match_case_type(text)
    if case_type is None:
        raise _unknown_type(re.match(r"[^\d号]*", text).group())
    rest = text[len(specialised_code) + len(case_type.code) :]
    return specialised_code, case_type, rest


def _unknown_type(part):
    if not part:
        return CaseNumberError(
            ErrorCode.UNKNOWN_TYPE,
            part,
            _(
                "The case type code is missing. After the court code comes the case type, "
                "such as 民终, for example 「（2023）京01民终1234号」."
            ),
        )
    return CaseNumberError(
        ErrorCode.UNKNOWN_TYPE,
        part,
        _(
            "「%(part)s」 is not a known case type code. After the court code comes "
            "the case type, such as 民终, for example 「（2023）京01民终1234号」."
        ),
    )


def _read_serial(text, normalisations):
    digits = re.match(r"\d*", text).group()
    if not digits:
        raise CaseNumberError(
            ErrorCode.MISSING_SERIAL,
            text,
            _(
                "The case serial number is missing. After the case type comes the serial "
                "number in digits and 号, for example 「（2023）京01民终1234号」."
            ),
        )
    serial = int(digits)
    if serial == 0:
        raise CaseNumberError(
            ErrorCode.ZERO_SERIAL,
            digits,
            _(
                "The case serial number cannot be 0. Check the number before 号, "
                "for example 「（2023）京01民终1234号」."
            ),
        )
    if digits.startswith("0"):
        normalisations.append(Normalisation.SERIAL_LEADING_ZEROS)
    return serial, text[len(digits) :]


def _check_ending(text, normalisations):
    if not text:
        normalisations.append(Normalisation.ADDED_HAO)
        return

    after_hao = text[1:] if text.startswith("号") else text
    if text.startswith("号") and DOCUMENT_SUFFIX.fullmatch(after_hao):
        normalisations.append(Normalisation.DOCUMENT_SUFFIX)
        return
    if after_hao:
        raise CaseNumberError(
            ErrorCode.TRAILING_TEXT,
            after_hao,
            _(
                "Remove 「%(part)s」 after the serial number. A case number ends with 号, "
                "for example 「（2023）京01民终1234号」."
            ),
        )
