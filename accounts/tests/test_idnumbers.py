from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.idnumbers import (
    IdType,
    mask_id_number,
    resident_id_check_character,
    validate_id_number,
    validate_lawyer_licence,
    validate_resident_id,
)
from accounts.testing import resident_id

TODAY = date(2024, 6, 1)


def with_wrong_check(number):
    wrong = "0" if number[-1] != "0" else "1"
    return number[:17] + wrong


@pytest.mark.parametrize(
    "first_17, expected",
    [
        # Worked examples computed by hand from the GB 11643 weights.
        ("11010519491231002", "X"),
        ("44052418800101001", "4"),
        ("11010519800101001", resident_id_check_character("11010519800101001")),
    ],
)
def test_check_character_follows_mod_11_2(first_17, expected):
    assert resident_id_check_character(first_17) == expected


@pytest.mark.parametrize(
    "number",
    [
        resident_id("110105", "19800101", "001"),
        resident_id("310101", "20000229", "123"),
        resident_id("440305", "19491001", "456"),
        "11010519491231002X",
    ],
)
def test_valid_resident_id_is_accepted(number):
    assert validate_resident_id(number, today=TODAY) == number


def test_lower_case_x_is_normalised():
    assert validate_resident_id("11010519491231002x", today=TODAY) == "11010519491231002X"


def test_spaces_and_full_width_digits_are_normalised():
    number = resident_id()
    spaced = f"{number[:6]} {number[6:14]} {number[14:]}"
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in number)

    assert validate_resident_id(spaced, today=TODAY) == number
    assert validate_resident_id(full_width, today=TODAY) == number


BAD_NUMBERS = [
    # (case, value, code, words of the Chinese message)
    ("wrong check digit", with_wrong_check(resident_id()), "id_number_check_digit", "校验码"),
    ("31 February", resident_id("110105", "19900231", "001"), "id_number_birth_date", "19900231"),
    ("month 13", resident_id("110105", "19901301", "001"), "id_number_birth_date", "出生日期"),
    ("future birth date", resident_id("110105", "20240602", "001"), "id_number_birth_date", "出生日期"),
    ("before 1900", resident_id("110105", "18991231", "001"), "id_number_birth_date", "出生日期"),
    ("17 characters", resident_id()[:17], "id_number_format", "18位"),
    ("19 characters", resident_id() + "1", "id_number_format", "18位"),
    ("old 15-digit number", "110105800101001", "id_number_format", "18位"),
    ("letter inside", "1101051980A101001" + "1", "id_number_format", "18位"),
    ("X not last", "11010519800101X011", "id_number_format", "18位"),
    ("empty", "", "id_number_format", "18位"),
]


@pytest.mark.parametrize("case, value, code, words", BAD_NUMBERS, ids=[row[0] for row in BAD_NUMBERS])
def test_bad_resident_id_names_the_failed_rule(case, value, code, words):
    with pytest.raises(ValidationError) as caught:
        validate_resident_id(value, today=TODAY)

    assert caught.value.code == code
    assert words in caught.value.messages[0]


@pytest.mark.parametrize(
    "id_type, value, expected",
    [
        (IdType.PASSPORT, "e12345678", "E12345678"),
        (IdType.HK_MACAO_PERMIT, "H12345678", "H12345678"),
        (IdType.HK_MACAO_PERMIT, "M1234567801", "M1234567801"),
        (IdType.TAIWAN_PERMIT, "12345678", "12345678"),
        (IdType.OTHER, "ABC-12345", "ABC-12345"),
    ],
)
def test_other_documents_accept_their_format(id_type, value, expected):
    assert validate_id_number(id_type, value) == expected


@pytest.mark.parametrize(
    "id_type, value, words",
    [
        (IdType.PASSPORT, "E12", "护照号码"),
        (IdType.HK_MACAO_PERMIT, "X12345678", "H或M"),
        (IdType.TAIWAN_PERMIT, "1234567", "8位或10位"),
    ],
)
def test_other_documents_reject_wrong_format(id_type, value, words):
    with pytest.raises(ValidationError) as caught:
        validate_id_number(id_type, value)

    assert caught.value.code == "id_number_format"
    assert words in caught.value.messages[0]


def test_lawyer_licence_needs_17_digits():
    assert validate_lawyer_licence("11101201010123456") == "11101201010123456"
    for bad in ["1110120101012345", "111012010101234567", "1110120101012345A"]:
        with pytest.raises(ValidationError) as caught:
            validate_lawyer_licence(bad)
        assert caught.value.code == "lawyer_licence_format"
        assert "17位" in caught.value.messages[0]


@pytest.mark.parametrize(
    "number, masked",
    [
        ("110105198001011234", "110105********1234"),
        ("E12345678", "E1*****78"),
        ("", ""),
    ],
)
def test_mask_id_number(number, masked):
    assert mask_id_number(number) == masked
