from datetime import date

import chinese_calendar
import pytest
from chinese_calendar.constants import holidays as package_holidays

from workdays.fallback import fallback_holidays, qingming_date


def test_qingming_matches_package_solar_terms():
    """Years 1900-2099; the package's formula is wrong for 2100."""
    mismatches = []
    for year in range(1900, 2100):
        terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
        expected = next(day for day, name in terms if name == "清明")
        if qingming_date(year) != expected:
            mismatches.append((year, expected, qingming_date(year)))
    assert mismatches == []


@pytest.mark.parametrize("year", range(2008, 2027))
def test_qingming_is_a_package_holiday(year):
    assert package_holidays[qingming_date(year)] == "Tomb-sweeping Day"


@pytest.mark.parametrize(
    "year, expected",
    [
        (
            2030,
            {
                date(2030, 1, 1): "元旦",
                date(2030, 2, 2): "春节",  # lunar New Year's Eve
                date(2030, 2, 3): "春节",
                date(2030, 2, 4): "春节",
                date(2030, 2, 5): "春节",
                date(2030, 4, 5): "清明",
                date(2030, 5, 1): "劳动节",
                date(2030, 5, 2): "劳动节",
                date(2030, 6, 5): "端午",
                date(2030, 9, 12): "中秋",
                date(2030, 10, 1): "国庆节",
                date(2030, 10, 2): "国庆节",
                date(2030, 10, 3): "国庆节",
            },
        ),
    ],
)
def test_fallback_holidays_follow_2024_holiday_rules(year, expected):
    assert fallback_holidays(year) == expected


@pytest.mark.parametrize("year", [2025, 2026])
def test_fallback_holidays_fall_inside_package_breaks(year):
    """Every statutory day is inside the real schedule's break (which adds bridge days)."""
    missing = [day for day in fallback_holidays(year) if day not in package_holidays]
    assert missing == []


def test_fallback_far_future_has_solar_holidays_only():
    days = fallback_holidays(2200)

    assert days[date(2200, 1, 1)] == "元旦"
    assert days[date(2200, 10, 3)] == "国庆节"
    assert "春节" not in days.values()
