from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from courts.case_numbers import ParsedCaseNumber, parse_case_number
from courts.models import Court
from courts.routing import suggest_receiving_courts

# (code, name, level, parent code), parents first.
TREE = [
    ("最高法", "最高人民法院", Court.Level.SUPREME, None),
    ("京", "北京市高级人民法院", Court.Level.HIGH, "最高法"),
    ("京01", "北京市第一中级人民法院", Court.Level.INTERMEDIATE, "京"),
    ("京03", "北京市第三中级人民法院", Court.Level.INTERMEDIATE, "京"),
    ("京0105", "北京市朝阳区人民法院", Court.Level.BASIC, "京03"),
    ("京0108", "北京市海淀区人民法院", Court.Level.BASIC, "京01"),
    ("京73", "北京知识产权法院", Court.Level.INTERMEDIATE, "京"),
]


@pytest.fixture
def tree(db):
    created = {}
    for code, name, level, parent_code in TREE:
        created[code], _ = Court.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "level": level,
                "parent": created.get(parent_code),
                "kind": Court.Kind.INTELLECTUAL_PROPERTY if code == "京73" else Court.Kind.ORDINARY,
            },
        )
    return created


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(datetime(2025, 3, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def codes(courts):
    return [court.code for court in courts]


@pytest.mark.parametrize(
    "case_number, expected",
    [
        ("（2023）京0105民初12345号", ["京0105", "京03"]),
        ("（2023）京0108刑初45号", ["京0108", "京01"]),
        ("（2023）京0108执异20号", ["京0108", "京01"]),
        ("（2023）京01民终6789号", ["京01", "京"]),
        ("（2022）京01行初100号", ["京01", "京"]),
        ("（2021）京73民初1000号", ["京73", "京"]),
        ("（2022）京民再45号", ["京", "最高法"]),
        ("（2021）京刑终88号", ["京", "最高法"]),
        ("（2021）最高法民申1234号", ["最高法"]),
        ("（2019）最高法知民终1号", ["最高法"]),
    ],
)
def test_appeal_goes_to_deciding_court_first(tree, case_number, expected):
    parsed = parse_case_number(case_number)

    assert codes(suggest_receiving_courts(parsed)) == expected


@pytest.mark.parametrize(
    "case_number, expected",
    [
        ("（2019）京01委赔6号", ["京", "京01"]),
        ("（2020）京委赔监2号", ["最高法", "京"]),
        ("（2020）京0108法赔1号", ["京01", "京0108"]),
        ("（2021）最高法委赔1号", ["最高法"]),
    ],
)
def test_compensation_decision_goes_to_committee_above(tree, case_number, expected):
    parsed = parse_case_number(case_number)

    assert codes(suggest_receiving_courts(parsed)) == expected


def test_administrative_compensation_suit_uses_general_rule(tree):
    parsed = parse_case_number("（2021）京01行赔初8号")

    assert codes(suggest_receiving_courts(parsed)) == ["京01", "京"]


def test_court_not_in_registry_returns_empty(db):
    parsed = ParsedCaseNumber(
        normalised="（2023）京0199民初1号",
        year=2023,
        court_code="京0199",
        specialised_code="",
        type_code="民初",
        category="civil",
        procedure="first_instance",
        serial=1,
        court=None,
    )

    assert suggest_receiving_courts(parsed) == []


def test_empty_registry_parse_returns_empty(db):
    Court.objects.update(parent=None)
    Court.objects.all().delete()

    parsed = parse_case_number("（2023）京0105民初1号")

    assert suggest_receiving_courts(parsed) == []


def test_inactive_parent_left_out(tree):
    Court.objects.filter(code="京03").update(is_active=False)

    parsed = parse_case_number("（2023）京0105民初12345号")

    assert codes(suggest_receiving_courts(parsed)) == ["京0105"]


def test_inactive_deciding_court_falls_back_to_parent(tree):
    Court.objects.filter(code="京0105").update(is_active=False)

    parsed = parse_case_number("（2023）京0105民初12345号")

    assert codes(suggest_receiving_courts(parsed)) == ["京03"]


def test_court_without_parent_suggests_itself(db):
    orphan = Court.objects.create(code="沪01", name="上海市第一中级人民法院", level=Court.Level.INTERMEDIATE)

    parsed = parse_case_number("（2023）沪01民终1号")

    assert suggest_receiving_courts(parsed) == [orphan]
