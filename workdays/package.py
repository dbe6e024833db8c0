"""Read the State Council schedules shipped in the chinese-calendar package."""

from datetime import date, timedelta
from functools import lru_cache

from chinese_calendar import constants

from workdays.index import ADJUSTED_WORKING, HOLIDAY, WEEKEND, WORKING

_CHINESE_NAMES = {holiday.value: holiday.chinese for holiday in constants.Holiday}


@lru_cache(maxsize=1)
def package_years():
    """Return the years the installed package has schedules for, as a tuple."""
    years = {day.year for day in constants.holidays}
    return tuple(range(min(years), max(years) + 1))


def package_day(day):
    """Return (kind, holiday name) for ``day`` as the package states it."""
    if day in constants.holidays:
        return HOLIDAY, _holiday_name(constants.holidays[day])
    if day in constants.workdays:
        return ADJUSTED_WORKING, _holiday_name(constants.workdays[day])
    if day.weekday() >= 5:
        return WEEKEND, ""
    return WORKING, ""


def days_of_year(year):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def _holiday_name(english):
    return _CHINESE_NAMES.get(english, english)
