import random
import time
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest

from workdays import calendar
from workdays.index import DayInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "day, working",
    [
        # Spring Festival 2024: 10-17 Feb off, Sunday 4 Feb and Sunday 18 Feb worked.
        (date(2024, 2, 4), True),
        (date(2024, 2, 9), True),
        (date(2024, 2, 10), False),
        (date(2024, 2, 17), False),
        (date(2024, 2, 18), True),
        # Spring Festival 2025: 28 Jan-4 Feb off, Sunday 26 Jan and Saturday 8 Feb worked.
        (date(2025, 1, 26), True),
        (date(2025, 1, 27), True),
        (date(2025, 1, 28), False),
        (date(2025, 2, 4), False),
        (date(2025, 2, 8), True),
        # National Day 2025: 1-8 Oct off, Sunday 28 Sep and Saturday 11 Oct worked.
        (date(2025, 9, 28), True),
        (date(2025, 10, 8), False),
        (date(2025, 10, 11), True),
        # 2026 as published in the package: New Year 1-3 Jan with Sunday 4 Jan worked,
        # Spring Festival 15-23 Feb with Saturdays 14 and 28 Feb worked.
        (date(2026, 1, 2), False),
        (date(2026, 1, 4), True),
        (date(2026, 2, 14), True),
        (date(2026, 2, 23), False),
        (date(2026, 2, 28), True),
        (date(2026, 10, 7), False),
        (date(2026, 10, 10), True),
        # Ordinary weekend and weekday.
        (date(2025, 3, 15), False),
        (date(2025, 3, 17), True),
    ],
)
def test_is_working_day_real_schedules(seeded, day, working):
    assert calendar.is_working_day(day) is working


def test_package_has_2026_schedule(seeded):
    assert 2026 in seeded.years_added
    assert calendar.day_info(date(2026, 2, 17)) == DayInfo(date(2026, 2, 17), "holiday", "春节", "package", True)


@pytest.mark.parametrize(
    "start, n, due",
    [
        (date(2024, 2, 8), 2, date(2024, 2, 18)),  # Thursday; Friday 9 Feb, then the worked Sunday
        (date(2024, 2, 9), 1, date(2024, 2, 18)),
        (date(2025, 1, 24), 2, date(2025, 1, 27)),  # Friday; worked Sunday 26 Jan counts
        (date(2025, 1, 27), 1, date(2025, 2, 5)),
        (date(2025, 1, 27), 3, date(2025, 2, 7)),
        (date(2025, 2, 7), 1, date(2025, 2, 8)),  # the worked Saturday
        (date(2025, 9, 30), 1, date(2025, 10, 9)),
        (date(2025, 10, 10), 1, date(2025, 10, 11)),
        # Across a year end: 2024-12-31 Tuesday, 2025-01-01 holiday.
        (date(2024, 12, 31), 1, date(2025, 1, 2)),
        (date(2025, 12, 31), 1, date(2026, 1, 4)),  # 1-3 Jan 2026 off, Sunday 4 Jan worked
        # From a rest day the next working day is day 1.
        (date(2025, 3, 15), 1, date(2025, 3, 17)),
        (date(2025, 3, 15), 2, date(2025, 3, 18)),
        (date(2025, 10, 1), 1, date(2025, 10, 9)),
        # n = 0 rolls a rest day forward.
        (date(2025, 3, 15), 0, date(2025, 3, 17)),
        (date(2025, 3, 14), 0, date(2025, 3, 14)),
        # Long periods.
        (date(2024, 1, 1), 251, date(2024, 12, 31)),  # 2024 had 251 working days
    ],
)
def test_add_working_days_real_schedules(seeded, start, n, due):
    assert calendar.add_working_days(start, n) == due


@pytest.mark.parametrize(
    "start, n, due",
    [
        (date(2025, 3, 3), 15, date(2025, 3, 18)),  # plain
        (date(2025, 3, 1), 15, date(2025, 3, 17)),  # Saturday: Monday 3 Mar is day 1
        (date(2025, 9, 16), 15, date(2025, 10, 9)),  # ends 1 Oct, rolls past National Day
        (date(2025, 9, 26), 2, date(2025, 9, 28)),  # ends on the worked Sunday
        (date(2025, 9, 20), 15, date(2025, 10, 9)),  # Saturday start, end in the holiday
        (date(2024, 12, 17), 15, date(2025, 1, 2)),  # across the year end, 1 Jan rolls over
        (date(2024, 1, 26), 15, date(2024, 2, 18)),  # ends 10 Feb 2024, rolls to the worked Sunday
        (date(2025, 3, 3), 0, date(2025, 3, 3)),
    ],
)
def test_add_calendar_days_rolls_over_rest_days(seeded, start, n, due):
    assert calendar.add_calendar_days(start, n) == due


@pytest.mark.parametrize("function", [calendar.add_working_days, calendar.add_calendar_days])
def test_negative_days_rejected(function):
    with pytest.raises(ValueError, match="-1"):
        function(date(2025, 3, 3), -1)


def test_index_agrees_with_package_day_by_day(seeded):
    """Compare random queries with a day-by-day walk over chinese_calendar.is_workday."""
    generator = random.Random(20250101)
    for _ in range(500):
        start = date(2005, 1, 1) + timedelta(days=generator.randrange(0, 7600))
        n = generator.randint(1, 60)
        day, counted = start, 0
        while counted < n:
            day += timedelta(days=1)
            counted += chinese_calendar.is_workday(day)
        assert calendar.add_working_days(start, n) == day, (start, n)


def test_add_working_days_many_matches_single_calls(seeded):
    pairs = [(date(2025, 1, 20) + timedelta(days=i), i % 61) for i in range(400)]
    pairs.append((date(2200, 1, 1), 3))
    pairs.append((datetime(2025, 1, 26, 23, 59, tzinfo=SHANGHAI), 1))

    assert calendar.add_working_days_many(pairs) == [calendar.add_working_days(d, n) for d, n in pairs]


@pytest.mark.parametrize(
    "moment, expected",
    [
        (datetime(2025, 1, 24, 15, 59, tzinfo=dt_timezone.utc), date(2025, 1, 24)),  # 23:59 in Beijing
        (datetime(2025, 1, 24, 16, 0, tzinfo=dt_timezone.utc), date(2025, 1, 25)),  # 00:00 next day
        (datetime(2025, 1, 24, 23, 59, tzinfo=SHANGHAI), date(2025, 1, 24)),
        (datetime(2025, 1, 24, 23, 59), date(2025, 1, 24)),  # naive: already Beijing time
        (date(2025, 1, 24), date(2025, 1, 24)),
    ],
)
def test_local_date_uses_china_time_on_utc_server(monkeypatch, settings, moment, expected):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    settings.TIME_ZONE = "UTC"
    try:
        assert calendar.local_date(moment) == expected
    finally:
        monkeypatch.undo()
        time.tzset()


def test_local_date_rejects_other_types():
    with pytest.raises(TypeError):
        calendar.local_date("2025-01-24")


def test_submission_at_2359_counts_that_day(seeded, settings):
    settings.TIME_ZONE = "UTC"
    friday_night = datetime(2025, 3, 14, 15, 59, tzinfo=dt_timezone.utc)  # Friday 23:59 in Beijing
    saturday_early = datetime(2025, 3, 14, 16, 1, tzinfo=dt_timezone.utc)  # Saturday 00:01 in Beijing

    assert calendar.add_working_days(friday_night, 1) == date(2025, 3, 17)
    assert calendar.add_working_days(saturday_early, 2) == date(2025, 3, 18)


def test_year_without_data_uses_fallback(db):
    info = calendar.day_info(date(2030, 2, 4))

    assert info.kind == "holiday"
    assert info.holiday_name == "春节"
    assert info.source == "fallback"
    assert info.confirmed is False
    assert calendar.is_working_day(date(2030, 2, 6)) is True  # no bridge days are guessed


@pytest.mark.parametrize(
    "start, n, due",
    [
        (date(2200, 1, 1), 5, date(2200, 1, 8)),  # 1 Jan 2200 is a Wednesday and a holiday
        (date(2200, 9, 30), 1, date(2200, 10, 6)),
        (date(9990, 1, 1), 3, date(9990, 1, 4)),
    ],
)
def test_far_future_dates_follow_fallback(db, start, n, due):
    assert calendar.add_working_days(start, n) == due
    assert calendar.is_working_day(due) is True


def test_working_days_between(seeded):
    assert calendar.working_days_between(date(2025, 1, 24), date(2025, 2, 8)) == 6  # 26, 27 Jan and 5-8 Feb
    assert calendar.working_days_between(date(2025, 2, 8), date(2025, 1, 24)) == -6


def test_unconfirmed_years_lists_years_without_schedule(seeded):
    assert calendar.unconfirmed_years(date(2026, 12, 1), date(2028, 1, 5)) == [2027, 2028]
    assert calendar.unconfirmed_years(date(2025, 1, 1), date(2026, 12, 31)) == []
