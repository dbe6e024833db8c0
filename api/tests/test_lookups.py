"""Court search, case number parsing and working-day queries, open to anyone."""

from datetime import date

import pytest

from api.tests.conftest import error_of
from api.tests.helpers import CJK
from courts.models import Court
from workdays import calendar


def test_court_search_finds_by_code_and_name(api, cast):
    by_code = api(None).get("/api/v1/courts", {"q": "京01"}).json()
    by_name = api(None).get("/api/v1/courts", {"q": "上海市第一"}).json()

    assert by_code[0]["code"] == "京01"
    assert by_code[0]["parent_id"] == cast.upper_court.pk
    assert [court["code"] for court in by_name] == ["沪01"]


def test_court_search_without_text_names_the_parameter(api):
    response = api(None).get("/api/v1/courts")

    error = error_of(response)
    assert response.status_code == 400
    assert error["field"] == "q"
    assert error["code"] == "required"
    assert error["message"].startswith("查询内容")


def test_court_children_lists_active_courts_below(api, cast):
    Court.objects.create(code="京0199", name="已撤销的法院", level=Court.Level.BASIC, parent=cast.court, is_active=False)
    Court.objects.create(code="京0105", name="北京市朝阳区人民法院", level=Court.Level.BASIC, parent=cast.court)

    body = api(None).get(f"/api/v1/courts/{cast.court.pk}/children").json()

    assert body["count"] == 1
    assert [court["code"] for court in body["results"]] == ["京0105"]


def test_court_children_of_unknown_court_is_404(api, cast):
    response = api(None).get("/api/v1/courts/999999/children")

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_case_number_parse_returns_parts_and_suggested_courts(api, cast):
    body = api(None).get("/api/v1/case-numbers/parse", {"q": "(2023)京01民终1234"}).json()

    assert body["normalised"] == "（2023）京01民终1234号"
    assert body["category"] == "civil"
    assert body["court"]["code"] == "京01"
    assert [court["code"] for court in body["suggested_courts"]] == ["京01", "京"]


def test_case_number_parse_error_shows_expected_form(api, cast):
    response = api(None).get("/api/v1/case-numbers/parse", {"q": "京01民终1234号"})

    error = error_of(response)
    assert response.status_code == 400
    assert error["field"] == "q"
    assert error["code"] == "missing_year"
    assert "（2023）京01民终1234号" in error["message"]


@pytest.mark.parametrize("day", [date(2024, 10, 1), date(2024, 10, 8), date(2024, 9, 29), date(2025, 1, 4)])
def test_working_day_check_matches_calendar(api, db, day):
    body = api(None).get("/api/v1/working-days/check", {"date": day.isoformat()}).json()

    assert body["date"] == day.isoformat()
    assert body["is_working_day"] is calendar.is_working_day(day)


def test_add_working_days_matches_calendar(api, db):
    body = api(None).get("/api/v1/working-days/add", {"start": "2024-09-30", "days": 3}).json()

    assert body["result"] == calendar.add_working_days(date(2024, 9, 30), 3).isoformat()
    assert body["result"] > "2024-10-07"


@pytest.mark.parametrize(
    ("path", "params", "field", "code"),
    [
        ("/api/v1/working-days/check", {"date": "2024-02-30"}, "date", "invalid"),
        ("/api/v1/working-days/check", {"date": "1800-01-01"}, "date", "date_out_of_range"),
        ("/api/v1/working-days/add", {"start": "2024-01-01", "days": -1}, "days", "min_value"),
        ("/api/v1/working-days/add", {"start": "2024-01-01", "days": 99999}, "days", "max_value"),
        ("/api/v1/working-days/add", {"days": 3}, "start", "required"),
    ],
)
def test_working_day_bad_input_names_field_in_chinese(api, db, path, params, field, code):
    response = api(None).get(path, params)

    error = error_of(response)
    assert response.status_code == 400
    assert error["field"] == field
    assert error["code"] == code
    assert CJK.search(error["message"])
