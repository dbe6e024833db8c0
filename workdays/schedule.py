"""A year's State Council holiday schedule as an administrator enters it, and its preview."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from workdays.index import ADJUSTED_WORKING, HOLIDAY, REST_KINDS, WEEKEND, WORKING, current_index
from workdays.package import days_of_year

# Accepts "2027-02-05", "2027/2/5" and "2027.2.5".
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_SEPARATORS = re.compile(r"[\s,，、~～]+|至|到")


class ScheduleError(ValueError):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class HolidayRange:
    start: date
    end: date
    name: str


@dataclass(frozen=True)
class AdjustedDay:
    date: date
    name: str


@dataclass(frozen=True)
class YearSchedule:
    year: int
    holidays: tuple
    adjusted: tuple

    def days(self):
        """Return {date: (kind, holiday name)} for every day of the year."""
        result = {}
        for day in days_of_year(self.year):
            result[day] = (WEEKEND, "") if day.weekday() >= 5 else (WORKING, "")
        for holiday in self.holidays:
            day = holiday.start
            while day <= holiday.end:
                result[day] = (HOLIDAY, holiday.name)
                day += timedelta(days=1)
        for adjusted in self.adjusted:
            result[adjusted.date] = (ADJUSTED_WORKING, adjusted.name)
        return result

    def as_json(self):
        return {
            "holidays": [[h.start.isoformat(), h.end.isoformat(), h.name] for h in self.holidays],
            "adjusted_working_days": [[a.date.isoformat(), a.name] for a in self.adjusted],
        }


def parse_date(text, line_number):
    match = _DATE.match(text)
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ScheduleError(
        "invalid_date",
        _("Line %(line)s: “%(value)s” is not a valid date. Write dates like 2027-02-05.")
        % {"line": line_number, "value": text},
    )


def parse_holidays(text, year):
    """Parse lines "start end name" (or "date name" for one day) into HolidayRange objects.

    Raises ScheduleError naming the first bad line.
    """
    ranges = []
    for line_number, parts in _lines(text):
        start = parse_date(parts[0], line_number)
        end = start
        rest = parts[1:]
        if rest and _DATE.match(rest[0]):
            end = parse_date(rest[0], line_number)
            rest = rest[1:]
        name = " ".join(rest)
        if not name:
            raise ScheduleError(
                "missing_name",
                _("Line %(line)s: the holiday name is missing. Write it after the dates, for example 春节.")
                % {"line": line_number},
            )
        if end < start:
            raise ScheduleError(
                "end_before_start",
                _("Line %(line)s: the end date %(end)s is before the start date %(start)s.")
                % {"line": line_number, "end": end.isoformat(), "start": start.isoformat()},
            )
        _check_year(start, year, line_number)
        _check_year(end, year, line_number)
        ranges.append(HolidayRange(start, end, name))
    return tuple(ranges)


def parse_adjusted(text, year):
    """Parse lines "date name" (name optional) into AdjustedDay objects."""
    days = []
    for line_number, parts in _lines(text):
        day = parse_date(parts[0], line_number)
        _check_year(day, year, line_number)
        if day.weekday() < 5:
            raise ScheduleError(
                "not_weekend",
                _(
                    "Line %(line)s: %(date)s is a Monday to Friday and is a working day anyway. "
                    "Adjusted working days are Saturdays or Sundays."
                )
                % {"line": line_number, "date": day.isoformat()},
            )
        days.append(AdjustedDay(day, " ".join(parts[1:])))
    return tuple(days)


def check_overlaps(schedule):
    """Raise ScheduleError if a day is listed twice, or both as holiday and as working day."""
    seen = {}
    for holiday in schedule.holidays:
        day = holiday.start
        while day <= holiday.end:
            if day in seen:
                raise ScheduleError(
                    "overlap",
                    _("%(date)s is in both “%(first)s” and “%(second)s”. Each day may be listed once.")
                    % {"date": day.isoformat(), "first": seen[day], "second": holiday.name},
                )
            seen[day] = holiday.name
            day += timedelta(days=1)
    for adjusted in schedule.adjusted:
        if adjusted.date in seen:
            raise ScheduleError(
                "holiday_and_working",
                _("%(date)s is listed both as a holiday and as an adjusted working day.")
                % {"date": adjusted.date.isoformat()},
            )
        seen[adjusted.date] = adjusted.name


def month_preview(schedule):
    """Return one row per month comparing the new schedule with the calendar now in force.

    Each row is a dict: month, working (new count), rest (new count),
    current_working (count today), holidays and adjusted (day lists).
    """
    index = current_index()
    rows = {month: _empty_row(month) for month in range(1, 13)}
    for day, (kind, name) in schedule.days().items():
        row = rows[day.month]
        if kind in REST_KINDS:
            row["rest"] += 1
        else:
            row["working"] += 1
        if index.kind_of(day)[0] not in REST_KINDS:
            row["current_working"] += 1
        if kind == HOLIDAY:
            row["holidays"].append((day, name))
        elif kind == ADJUSTED_WORKING:
            row["adjusted"].append((day, name))
    for row in rows.values():
        row["difference"] = row["working"] - row["current_working"]
    return list(rows.values())


def _empty_row(month):
    return {"month": month, "working": 0, "rest": 0, "current_working": 0, "holidays": [], "adjusted": []}


def _lines(text):
    for line_number, line in enumerate((text or "").splitlines(), start=1):
        parts = [part for part in _SEPARATORS.split(line.strip()) if part]
        if parts:
            yield line_number, parts


def _check_year(day, year, line_number):
    if day.year != year:
        raise ScheduleError(
            "wrong_year",
            _("Line %(line)s: %(date)s is not in %(year)s. Enter only days of the year being set.")
            % {"line": line_number, "date": day.isoformat(), "year": year},
        )
