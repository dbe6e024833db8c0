from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from courts.case_numbers import (
    CaseCategory,
    CaseNumberError,
    CaseProcedure,
    ErrorCode,
    Normalisation,
    parse_case_number,
    validate_case_number,
)
from courts.case_types import CASE_TYPES, CASE_TYPES_BY_CODE, CaseClass, match_case_type
from courts.models import Court

SHANGHAI = ZoneInfo("Asia/Shanghai")
EXPECTED_FORM = "「（2023）京01民终1234号」"

C = CaseCategory
P = CaseProcedure
N = Normalisation

# (code, name, kind, parent code), parents before children. The level follows
# from the shape of the code.
COURTS = [
    ("最高法", "最高人民法院", "ordinary", None),
    ("京", "北京市高级人民法院", "ordinary", "最高法"),
    ("京01", "北京市第一中级人民法院", "ordinary", "京"),
    ("京03", "北京市第三中级人民法院", "ordinary", "京"),
    ("京04", "北京市第四中级人民法院", "ordinary", "京"),
    ("京0105", "北京市朝阳区人民法院", "ordinary", "京03"),
    ("京0108", "北京市海淀区人民法院", "ordinary", "京01"),
    ("京0491", "北京互联网法院", "internet", "京04"),
    ("京71", "北京铁路运输中级法院", "railway", "京"),
    ("京7101", "北京铁路运输法院", "railway", "京71"),
    ("京73", "北京知识产权法院", "ip", "京"),
    ("京74", "北京金融法院", "financial", "京"),
    ("沪", "上海市高级人民法院", "ordinary", "最高法"),
    ("沪01", "上海市第一中级人民法院", "ordinary", "沪"),
    ("沪0115", "上海市浦东新区人民法院", "ordinary", "沪01"),
    ("沪72", "上海海事法院", "maritime", "沪"),
    ("沪74", "上海金融法院", "financial", "沪"),
    ("粤", "广东省高级人民法院", "ordinary", "最高法"),
    ("粤01", "广州市中级人民法院", "ordinary", "粤"),
    ("粤03", "深圳市中级人民法院", "ordinary", "粤"),
    ("粤0305", "深圳市南山区人民法院", "ordinary", "粤03"),
    ("粤72", "广州海事法院", "maritime", "粤"),
    ("粤73", "广州知识产权法院", "ip", "粤"),
    ("浙", "浙江省高级人民法院", "ordinary", "最高法"),
    ("浙01", "杭州市中级人民法院", "ordinary", "浙"),
    ("浙0192", "杭州互联网法院", "internet", "浙01"),
    ("浙8601", "杭州铁路运输法院", "railway", "浙01"),
    ("新", "新疆维吾尔自治区高级人民法院", "ordinary", "最高法"),
    ("兵", "新疆维吾尔自治区高级人民法院生产建设兵团分院", "ordinary", "新"),
    ("内", "内蒙古自治区高级人民法院", "ordinary", "最高法"),
    ("内01", "呼和浩特市中级人民法院", "ordinary", "内"),
    ("川", "四川省高级人民法院", "ordinary", "最高法"),
    ("川01", "成都市中级人民法院", "ordinary", "川"),
    ("川0104", "成都市锦江区人民法院", "ordinary", "川01"),
    ("苏", "江苏省高级人民法院", "ordinary", "最高法"),
    ("苏05", "苏州市中级人民法院", "ordinary", "苏"),
    ("鄂", "湖北省高级人民法院", "ordinary", "最高法"),
    ("鄂72", "武汉海事法院", "maritime", "鄂"),
    ("琼", "海南省高级人民法院", "ordinary", "最高法"),
    ("琼73", "海南自由贸易港知识产权法院", "ip", "琼"),
    ("渝", "重庆市高级人民法院", "ordinary", "最高法"),
    ("渝01", "重庆市第一中级人民法院", "ordinary", "渝"),
    ("豫", "河南省高级人民法院", "ordinary", "最高法"),
    ("豫01", "郑州市中级人民法院", "ordinary", "豫"),
    ("鲁", "山东省高级人民法院", "ordinary", "最高法"),
    ("鲁01", "济南市中级人民法院", "ordinary", "鲁"),
    ("藏", "西藏自治区高级人民法院", "ordinary", "最高法"),
]


def level_for(code):
    if code == "最高法":
        return Court.Level.SUPREME
    digits = len(code) - 1
    return {0: Court.Level.HIGH, 2: Court.Level.INTERMEDIATE, 4: Court.Level.BASIC}[digits]


@pytest.fixture
def courts(db):
    created = {}
    for code, name, kind, parent_code in COURTS:
        created[code], _ = Court.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "level": level_for(code),
                "kind": kind,
                "parent": created.get(parent_code),
                "province": "" if code == "最高法" else code[0],
            },
        )
    return created


@pytest.fixture
def empty_registry(db):
    # Children point at parents with PROTECT, so detach them before deleting.
    Court.objects.update(parent=None)
    Court.objects.all().delete()


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(datetime(2025, 3, 1, 10, 0, tzinfo=SHANGHAI), tick=False):
        yield


def row(text, year, court, special, type_code, category, procedure, serial):
    return pytest.param(text, year, court, special, type_code, category, procedure, serial, id=text)


VALID = [
    # Criminal
    row("（2020）最高法刑核31416592号", 2020, "最高法", "", "刑核", C.CRIMINAL, P.DEATH_PENALTY_REVIEW, 31416592),
    row("（2021）京01刑初45号", 2021, "京01", "", "刑初", C.CRIMINAL, P.FIRST_INSTANCE, 45),
    row("（2022）京刑终88号", 2022, "京", "", "刑终", C.CRIMINAL, P.SECOND_INSTANCE, 88),
    row("（2020）最高法刑申321号", 2020, "最高法", "", "刑申", C.CRIMINAL, P.RETRIAL_REVIEW, 321),
    row("（2019）京03刑监5号", 2019, "京03", "", "刑监", C.CRIMINAL, P.RETRIAL_REVIEW, 5),
    row("（2021）沪刑抗2号", 2021, "沪", "", "刑抗", C.CRIMINAL, P.PROTEST, 2),
    row("（2018）最高法刑再3号", 2018, "最高法", "", "刑再", C.CRIMINAL, P.RETRIAL, 3),
    row("（2022）京01刑更1200号", 2022, "京01", "", "刑更", C.CRIMINAL, P.COMMUTATION_PAROLE, 1200),
    row("（2023）京01刑更监2号", 2023, "京01", "", "刑更监", C.CRIMINAL, P.SUPERVISION, 2),
    row("（2023）沪01刑医3号", 2023, "沪01", "", "刑医", C.CRIMINAL, P.SPECIAL_PROCEDURE, 3),
    row("（2017）最高法刑止1号", 2017, "最高法", "", "刑止", C.CRIMINAL, P.SPECIAL_PROCEDURE, 1),
    row("（2024）粤0305刑初567号", 2024, "粤0305", "", "刑初", C.CRIMINAL, P.FIRST_INSTANCE, 567),
    row("（2016）川01刑没1号", 2016, "川01", "", "刑没", C.CRIMINAL, P.SPECIAL_PROCEDURE, 1),
    row("（2020）京03刑辖7号", 2020, "京03", "", "刑辖", C.CRIMINAL, P.JURISDICTION, 7),
    row("（2016）藏刑终1号", 2016, "藏", "", "刑终", C.CRIMINAL, P.SECOND_INSTANCE, 1),
    # Civil, at every court level
    row("（2023）京0105民初12345号", 2023, "京0105", "", "民初", C.CIVIL, P.FIRST_INSTANCE, 12345),
    row("（2023）京03民终6789号", 2023, "京03", "", "民终", C.CIVIL, P.SECOND_INSTANCE, 6789),
    row("（2021）最高法民申1234号", 2021, "最高法", "", "民申", C.CIVIL, P.RETRIAL_REVIEW, 1234),
    row("（2020）京民监11号", 2020, "京", "", "民监", C.CIVIL, P.RETRIAL_REVIEW, 11),
    row("（2019）最高法民抗3号", 2019, "最高法", "", "民抗", C.CIVIL, P.PROTEST, 3),
    row("（2022）京民再45号", 2022, "京", "", "民再", C.CIVIL, P.RETRIAL, 45),
    row("（2021）京0108民撤2号", 2021, "京0108", "", "民撤", C.CIVIL, P.FIRST_INSTANCE, 2),
    row("（2022）沪0115民特88号", 2022, "沪0115", "", "民特", C.CIVIL, P.SPECIAL_PROCEDURE, 88),
    row("（2020）粤0305民催9号", 2020, "粤0305", "", "民催", C.CIVIL, P.SPECIAL_PROCEDURE, 9),
    row("（2021）浙0192民督300号", 2021, "浙0192", "", "民督", C.CIVIL, P.SPECIAL_PROCEDURE, 300),
    row("（2018）苏05民破3号", 2018, "苏05", "", "民破", C.CIVIL, P.BANKRUPTCY, 3),
    row("（2019）京01民算1号", 2019, "京01", "", "民算", C.CIVIL, P.BANKRUPTCY, 1),
    row("（2024）京03破申12号", 2024, "京03", "", "破申", C.CIVIL, P.BANKRUPTCY, 12),
    row("（2024）粤01破123号", 2024, "粤01", "", "破", C.CIVIL, P.BANKRUPTCY, 123),
    row("（2023）京01民辖56号", 2023, "京01", "", "民辖", C.CIVIL, P.JURISDICTION, 56),
    row("（2023）京民辖终12号", 2023, "京", "", "民辖终", C.CIVIL, P.SECOND_INSTANCE, 12),
    row("（2022）京0105民他1号", 2022, "京0105", "", "民他", C.CIVIL, P.OTHER, 1),
    row(
        "（2023）京0105民诉前调12345号",
        2023, "京0105", "", "民诉前调", C.CIVIL, P.PRE_LITIGATION_MEDIATION, 12345,
    ),
    row("（2021）川0104民初3456号", 2021, "川0104", "", "民初", C.CIVIL, P.FIRST_INSTANCE, 3456),
    row("（2018）兵民终20号", 2018, "兵", "", "民终", C.CIVIL, P.SECOND_INSTANCE, 20),
    row("（2019）内01民终1500号", 2019, "内01", "", "民终", C.CIVIL, P.SECOND_INSTANCE, 1500),
    row("（2023）渝01民终9999号", 2023, "渝01", "", "民终", C.CIVIL, P.SECOND_INSTANCE, 9999),
    row("（2022）豫01民初1号", 2022, "豫01", "", "民初", C.CIVIL, P.FIRST_INSTANCE, 1),
    # Special courts: IP, financial, internet, maritime, railway
    row("（2019）最高法知民终1号", 2019, "最高法", "知", "民终", C.CIVIL, P.SECOND_INSTANCE, 1),
    row("（2022）琼73知民初8号", 2022, "琼73", "知", "民初", C.CIVIL, P.FIRST_INSTANCE, 8),
    row("（2021）京73民初1000号", 2021, "京73", "", "民初", C.CIVIL, P.FIRST_INSTANCE, 1000),
    row("（2022）沪74民终200号", 2022, "沪74", "", "民终", C.CIVIL, P.SECOND_INSTANCE, 200),
    row("（2022）京74民初1号", 2022, "京74", "", "民初", C.CIVIL, P.FIRST_INSTANCE, 1),
    row("（2020）京0491民初2345号", 2020, "京0491", "", "民初", C.CIVIL, P.FIRST_INSTANCE, 2345),
    row("（2021）沪72民初1024号", 2021, "沪72", "", "民初", C.CIVIL, P.FIRST_INSTANCE, 1024),
    row("（2022）粤72民初77号", 2022, "粤72", "", "民初", C.CIVIL, P.FIRST_INSTANCE, 77),
    row("（2017）鄂72民初300号", 2017, "鄂72", "", "民初", C.CIVIL, P.FIRST_INSTANCE, 300),
    row("（2023）京7101民初15号", 2023, "京7101", "", "民初", C.CIVIL, P.FIRST_INSTANCE, 15),
    row("（2020）京71民终9号", 2020, "京71", "", "民终", C.CIVIL, P.SECOND_INSTANCE, 9),
    row("（2021）浙8601民初500号", 2021, "浙8601", "", "民初", C.CIVIL, P.FIRST_INSTANCE, 500),
    # Administrative
    row("（2022）京01行初100号", 2022, "京01", "", "行初", C.ADMINISTRATIVE, P.FIRST_INSTANCE, 100),
    row("（2021）京行终2000号", 2021, "京", "", "行终", C.ADMINISTRATIVE, P.SECOND_INSTANCE, 2000),
    row("（2020）最高法行申5000号", 2020, "最高法", "", "行申", C.ADMINISTRATIVE, P.RETRIAL_REVIEW, 5000),
    row("（2019）最高法行监1号", 2019, "最高法", "", "行监", C.ADMINISTRATIVE, P.RETRIAL_REVIEW, 1),
    row("（2021）京行抗3号", 2021, "京", "", "行抗", C.ADMINISTRATIVE, P.PROTEST, 3),
    row("（2022）京行再9号", 2022, "京", "", "行再", C.ADMINISTRATIVE, P.RETRIAL, 9),
    row("（2020）京0108行审400号", 2020, "京0108", "", "行审", C.ADMINISTRATIVE, P.NON_LITIGATION_REVIEW, 400),
    row("（2020）京01行审复12号", 2020, "京01", "", "行审复", C.ADMINISTRATIVE, P.RECONSIDERATION, 12),
    row("（2023）京行辖4号", 2023, "京", "", "行辖", C.ADMINISTRATIVE, P.JURISDICTION, 4),
    row("（2019）最高法知行终10号", 2019, "最高法", "知", "行终", C.ADMINISTRATIVE, P.SECOND_INSTANCE, 10),
    # State compensation
    row("（2021）京01行赔初8号", 2021, "京01", "", "行赔初", C.STATE_COMPENSATION, P.FIRST_INSTANCE, 8),
    row("（2022）京行赔终3号", 2022, "京", "", "行赔终", C.STATE_COMPENSATION, P.SECOND_INSTANCE, 3),
    row("（2020）最高法行赔申100号", 2020, "最高法", "", "行赔申", C.STATE_COMPENSATION, P.RETRIAL_REVIEW, 100),
    row("（2021）京行赔再1号", 2021, "京", "", "行赔再", C.STATE_COMPENSATION, P.RETRIAL, 1),
    row("（2019）京01委赔6号", 2019, "京01", "", "委赔", C.STATE_COMPENSATION, P.COMPENSATION_COMMITTEE, 6),
    row("（2020）京委赔监2号", 2020, "京", "", "委赔监", C.STATE_COMPENSATION, P.RETRIAL_REVIEW, 2),
    row("（2021）最高法委赔提1号", 2021, "最高法", "", "委赔提", C.STATE_COMPENSATION, P.RETRIAL, 1),
    row("（2022）京委赔再1号", 2022, "京", "", "委赔再", C.STATE_COMPENSATION, P.RETRIAL, 1),
    row("（2020）京0105法赔1号", 2020, "京0105", "", "法赔", C.STATE_COMPENSATION, P.COMPENSATION_DECISION, 1),
    # Enforcement
    row("（2023）京0105执12345号", 2023, "京0105", "", "执", C.ENFORCEMENT, P.ENFORCEMENT_IMPLEMENTATION, 12345),
    row("（2022）京0108执恢300号", 2022, "京0108", "", "执恢", C.ENFORCEMENT, P.ENFORCEMENT_IMPLEMENTATION, 300),
    row("（2023）京01执保40号", 2023, "京01", "", "执保", C.ENFORCEMENT, P.ENFORCEMENT_IMPLEMENTATION, 40),
    row("（2021）京0105执异200号", 2021, "京0105", "", "执异", C.ENFORCEMENT, P.ENFORCEMENT_OBJECTION, 200),
    row("（2022）京01执复150号", 2022, "京01", "", "执复", C.ENFORCEMENT, P.ENFORCEMENT_REVIEW, 150),
    row("（2020）京执监30号", 2020, "京", "", "执监", C.ENFORCEMENT, P.ENFORCEMENT_SUPERVISION, 30),
    row("（2019）京执协1号", 2019, "京", "", "执协", C.ENFORCEMENT, P.ENFORCEMENT_COORDINATION, 1),
    row("（2021）京执他5号", 2021, "京", "", "执他", C.ENFORCEMENT, P.OTHER, 5),
    row("（2021）鲁01执100号", 2021, "鲁01", "", "执", C.ENFORCEMENT, P.ENFORCEMENT_IMPLEMENTATION, 100),
    # Judicial relief, preservation, assistance and sanction
    row("（2020）最高法司救民1号", 2020, "最高法", "", "司救民", C.OTHER, P.JUDICIAL_RELIEF, 1),
    row("（2022）京01司救刑3号", 2022, "京01", "", "司救刑", C.OTHER, P.JUDICIAL_RELIEF, 3),
    row("（2023）京0105财保200号", 2023, "京0105", "", "财保", C.OTHER, P.PRESERVATION, 200),
    row("（2021）沪72行保1号", 2021, "沪72", "", "行保", C.OTHER, P.PRESERVATION, 1),
    row("（2022）粤72证保5号", 2022, "粤72", "", "证保", C.OTHER, P.PRESERVATION, 5),
    row("（2019）粤03认港1号", 2019, "粤03", "", "认港", C.OTHER, P.JUDICIAL_ASSISTANCE, 1),
    row("（2020）京01司惩2号", 2020, "京01", "", "司惩", C.OTHER, P.JUDICIAL_SANCTION, 2),
]


@pytest.mark.parametrize(
    "text, year, court_code, special, type_code, category, procedure, serial", VALID
)
def test_parse_valid_number(courts, text, year, court_code, special, type_code, category, procedure, serial):
    parsed = parse_case_number(text)

    assert parsed.normalised == text
    assert parsed.year == year
    assert parsed.court_code == court_code
    assert parsed.specialised_code == special
    assert parsed.type_code == type_code
    assert parsed.category == category
    assert parsed.procedure == procedure
    assert parsed.serial == serial
    assert parsed.court == courts[court_code]
    assert parsed.normalisations == ()
    assert str(parsed) == text


NORMALISED = [
    ("(2023)京01民终1234号", {N.BRACKETS}),
    ("〔2023〕京01民终1234号", {N.BRACKETS}),
    ("[2023]京01民终1234号", {N.BRACKETS}),
    ("【2023】京01民终1234号", {N.BRACKETS}),
    ("［2023］京01民终1234号", {N.BRACKETS}),
    ("（2023)京01民终1234号", {N.BRACKETS}),
    ("（ 2023 ）京01民终1234号", {N.WHITESPACE}),
    ("（2023） 京01 民终 1234 号", {N.WHITESPACE}),
    (" （2023）京01民终1234号\n", {N.WHITESPACE}),
    ("（2023）京01民终1234号\u3000", {N.WHITESPACE}),
    ("（２０２３）京０１民终１２３４号", {N.FULLWIDTH_DIGITS}),
    ("（2023）京01民终1234", {N.ADDED_HAO}),
    ("（2023）京01民终1234号。", {N.TRAILING_PERIOD}),
    ("（2023）京01民终01234号", {N.SERIAL_LEADING_ZEROS}),
    ("（2023）京01民终1234号之一", {N.DOCUMENT_SUFFIX}),
    (
        "(２０２３) 京０１民终１２３４",
        {N.WHITESPACE, N.FULLWIDTH_DIGITS, N.BRACKETS, N.ADDED_HAO},
    ),
    ("〔2023〕京01民终1234号 。", {N.WHITESPACE, N.BRACKETS, N.TRAILING_PERIOD}),
    ("（2023）京01民终1234號", {N.TRADITIONAL_HAO}),
    ("(2023)京01民终1234號", {N.BRACKETS, N.TRADITIONAL_HAO}),
    ("（２０２３）京０１民终１２３４號", {N.FULLWIDTH_DIGITS, N.TRADITIONAL_HAO}),
    ("2023京01民终1234号", {N.ADDED_YEAR_BRACKETS}),
    ("2023 京01民终1234", {N.WHITESPACE, N.ADDED_YEAR_BRACKETS, N.ADDED_HAO}),
    ("２０２３京０１民终１２３４號", {N.FULLWIDTH_DIGITS, N.TRADITIONAL_HAO, N.ADDED_YEAR_BRACKETS}),
]


@pytest.mark.parametrize("text, applied", NORMALISED, ids=[text for text, _ in NORMALISED])
def test_parse_normalises_untidy_input(courts, text, applied):
    parsed = parse_case_number(text)

    assert parsed.normalised == "（2023）京01民终1234号"
    assert parsed.year == 2023
    assert parsed.court_code == "京01"
    assert parsed.specialised_code == ""
    assert parsed.type_code == "民终"
    assert parsed.category == CaseCategory.CIVIL
    assert parsed.procedure == CaseProcedure.SECOND_INSTANCE
    assert parsed.serial == 1234
    assert parsed.court == courts["京01"]
    assert set(parsed.normalisations) == applied
    assert len(parsed.normalisations) == len(applied)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("［2019］最高法知民终１号", "（2019）最高法知民终1号"),
        ("(2020) 京 0491 民初 2345", "（2020）京0491民初2345号"),
        ("〔2021〕沪72行保1号。", "（2021）沪72行保1号"),
        ("2019最高法知民终1號", "（2019）最高法知民终1号"),
    ],
)
def test_parse_normalises_special_courts(courts, text, expected):
    assert parse_case_number(text).normalised == expected


MALFORMED = [
    ("", ErrorCode.EMPTY, ""),
    ("   ", ErrorCode.EMPTY, ""),
    (None, ErrorCode.EMPTY, ""),
    ("京01民终1234号", ErrorCode.MISSING_YEAR, "京"),
    ("202京01民终1234号", ErrorCode.MISSING_YEAR, "202"),
    ("20231京01民终1234号", ErrorCode.MISSING_YEAR, "20231"),
    ("2023民终1234号", ErrorCode.MISSING_YEAR, "2023"),
    ("（23）京01民终1234号", ErrorCode.INVALID_YEAR, "（23）"),
    ("（二〇二三）京01民终1234号", ErrorCode.INVALID_YEAR, "（二〇二三）"),
    ("（2026）京01民终1号", ErrorCode.FUTURE_YEAR, "2026"),
    ("（2015）京01民终1号", ErrorCode.YEAR_BEFORE_2016, "2015"),
    ("（2014）京01民终字第123号", ErrorCode.OLD_FORMAT, "字第"),
    ("（2023）北京01民终1号", ErrorCode.UNKNOWN_COURT, "北京01"),
    ("（2023）京1民终1号", ErrorCode.UNKNOWN_COURT, "京1"),
    ("（2023）京010民终1号", ErrorCode.UNKNOWN_COURT, "京010"),
    ("（2023）最高院民终1号", ErrorCode.UNKNOWN_COURT, "最高院"),
    ("（2023）最高法01民终1号", ErrorCode.UNKNOWN_COURT, "最高法01"),
    ("（2023）民终1号", ErrorCode.UNKNOWN_COURT, ""),
    ("（2023）京011234号", ErrorCode.UNKNOWN_COURT, "京011234"),
    ("（2023）京0199民初1号", ErrorCode.UNKNOWN_COURT, "京0199"),
    ("（2023）京01民X1号", ErrorCode.UNKNOWN_TYPE, "民X"),
    ("（2023）京01号", ErrorCode.UNKNOWN_TYPE, ""),
    ("（2023）京01知1号", ErrorCode.UNKNOWN_TYPE, "知"),
    ("（2023）京01民终号", ErrorCode.MISSING_SERIAL, "号"),
    ("（2023）京01民终", ErrorCode.MISSING_SERIAL, ""),
    ("（2023）京01民终一二三号", ErrorCode.MISSING_SERIAL, "一二三号"),
    ("（2023）京01民终第1234号", ErrorCode.MISSING_SERIAL, "第1234号"),
    ("（2023）京01民终0号", ErrorCode.ZERO_SERIAL, "0"),
    ("（2023）京01民终000号", ErrorCode.ZERO_SERIAL, "000"),
    ("（2023）京01民终1234号判决书", ErrorCode.TRAILING_TEXT, "判决书"),
    ("（2023）京01民终1234号号", ErrorCode.TRAILING_TEXT, "号"),
    ("（2023）京01民终1234abc", ErrorCode.TRAILING_TEXT, "abc"),
    ("（2023）京01民终1234号之", ErrorCode.TRAILING_TEXT, "之"),
    ("（2023）京01民终1234号（二审）", ErrorCode.TRAILING_TEXT, "（二审）"),
]


@pytest.mark.parametrize("text, code, part", MALFORMED, ids=[repr(text) for text, _, _ in MALFORMED])
def test_parse_rejects_malformed(courts, text, code, part):
    with pytest.raises(CaseNumberError) as caught:
        parse_case_number(text)

    assert caught.value.code == code
    assert caught.value.part == part
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("text, code, part", MALFORMED, ids=[repr(text) for text, _, _ in MALFORMED])
def test_error_message_shows_expected_form(courts, text, code, part):
    with pytest.raises(CaseNumberError) as caught:
        parse_case_number(text)

    with translation.override("en"):
        message = str(caught.value)
    assert EXPECTED_FORM in message


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Enter the case number, for example 「（2023）京01民终1234号」."),
        (
            "（2030）京01民终1号",
            "The year 2030 is later than this year. "
            "Check the year in brackets, for example 「（2023）京01民终1234号」.",
        ),
        (
            "（2023）京0199民初1号",
            "No court has the code 「京0199」. "
            "Check the court code after the year, for example 「（2023）京01民终1234号」.",
        ),
        (
            "（2023）京01民终1234号判决书",
            "Remove 「判决书」 after the serial number. "
            "A case number ends with 号, for example 「（2023）京01民终1234号」.",
        ),
    ],
)
def test_error_message_english_text(courts, text, message):
    with pytest.raises(CaseNumberError) as caught:
        parse_case_number(text)

    with translation.override("en"):
        assert str(caught.value) == message


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "请输入案号，例如「（2023）京01民终1234号」。"),
        (
            "（2023）京0199民初1号",
            "没有代字为「京0199」的法院。请核对年份后的法院代字，例如「（2023）京01民终1234号」。",
        ),
    ],
)
def test_error_message_chinese_text(courts, text, message):
    with pytest.raises(CaseNumberError) as caught:
        parse_case_number(text)

    with translation.override("zh-hans"):
        assert str(caught.value) == message


def test_future_year_uses_china_time(courts):
    # 23:30 on 31 December in Beijing: 2025 is still in the future.
    with time_machine.travel(datetime(2024, 12, 31, 15, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        with pytest.raises(CaseNumberError) as caught:
            parse_case_number("（2025）京01民初1号")
    assert caught.value.code == ErrorCode.FUTURE_YEAR

    # 00:30 on 1 January in Beijing, still 2024 in UTC.
    with time_machine.travel(datetime(2024, 12, 31, 16, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        parsed = parse_case_number("（2025）京01民初1号")
    assert parsed.year == 2025


def test_current_year_accepted(courts):
    assert parse_case_number("（2025）京01民初1号").year == 2025


def test_empty_registry_accepts_well_formed_court(empty_registry):
    parsed = parse_case_number("（2023）京0199民初1号")

    assert parsed.court is None
    assert parsed.court_code == "京0199"
    assert parsed.normalised == "（2023）京0199民初1号"


@pytest.mark.parametrize(
    "text, part",
    [
        ("（2023）京010民初1号", "京010"),
        ("（2023）港01民初1号", "港01"),
    ],
)
def test_empty_registry_rejects_bad_court_shape(empty_registry, text, part):
    with pytest.raises(CaseNumberError) as caught:
        parse_case_number(text)

    assert caught.value.code == ErrorCode.UNKNOWN_COURT
    assert caught.value.part == part


def test_inactive_court_still_parses(courts):
    Court.objects.filter(code="京0108").update(is_active=False)

    parsed = parse_case_number("（2016）京0108民初1号")

    assert parsed.court.code == "京0108"


def test_parsed_labels_follow_language(courts):
    parsed = parse_case_number("（2023）京01民终1234号")

    with translation.override("en"):
        assert parsed.category_label == "Civil"
        assert parsed.procedure_label == "Second instance"


def test_parsed_case_class(courts):
    assert parse_case_number("（2023）京民辖终12号").case_class == CaseClass.JURISDICTION
    assert parse_case_number("（2023）京民辖终12号").category == CaseCategory.CIVIL
    assert parse_case_number("（2023）京0105财保200号").case_class == CaseClass.PRESERVATION


def test_validator_raises_validation_error_with_code(courts):
    with pytest.raises(ValidationError) as caught:
        validate_case_number("（2023）京01民终0号")

    assert caught.value.code == ErrorCode.ZERO_SERIAL
    with translation.override("en"):
        assert EXPECTED_FORM in caught.value.messages[0]


def test_validator_accepts_valid(courts):
    assert validate_case_number("（2023）京01民终1234号") is None


@pytest.mark.parametrize(
    "text, code",
    [
        ("执恢1号", "执恢"),
        ("执1号", "执"),
        ("行赔初1号", "行赔初"),
        ("行保复1号", "行保复"),
        ("民辖终1号", "民辖终"),
        ("刑更监2号", "刑更监"),
        ("委赔监3号", "委赔监"),
        ("民诉前调4号", "民诉前调"),
        ("破终1号", "破终"),
    ],
)
def test_type_code_longest_match(text, code):
    assert match_case_type(text).code == code


def test_type_code_no_match():
    assert match_case_type("知民终1号") is None
    assert match_case_type("") is None


def test_type_code_table_has_no_duplicates():
    assert len(CASE_TYPES_BY_CODE) == len(CASE_TYPES)


@pytest.mark.parametrize(
    "code",
    "刑初 刑终 刑申 刑监 刑抗 刑再 刑核 刑更 刑医 刑止 民初 民终 民申 民监 民抗 民再 民撤 民特 "
    "民催 民督 民破 民算 民辖 民辖终 民他 行初 行终 行申 行监 行抗 行再 行审 行审复 行辖 "
    "行赔初 行赔终 行赔申 行赔再 委赔 委赔监 委赔提 委赔再 法赔 司救民 执 执恢 执保 执异 执复 "
    "执监 执协 执他 财保 行保 证保 刑更监".split(),
)
def test_type_code_table_covers_code(code):
    case_type = CASE_TYPES_BY_CODE[code]

    assert case_type.category in CaseCategory.values
    assert case_type.case_class in CaseClass.values
    assert case_type.procedure in CaseProcedure.values
