"""Working-day arithmetic in China Standard Time.

Counting follows Chinese procedural practice. The day of the triggering
event is not counted. A period whose last day is a rest day ends on the
next working day. After an event on a rest day, the next working day is
the first day counted.

Every function accepts a date or a datetime. A datetime is first turned
into its date in Asia/Shanghai, whatever the server's time zone is.
Answers never raise for lack of data: a year without a stored schedule
follows the statutory holidays (see workdays.fallback).
"""

from datetime import date, datetime, timedelta
from time import monotonic as _monotonic
from zoneinfo import ZoneInfo

from workdays import index as _index

CHINA_TZ = ZoneInfo("Asia/Shanghai")

_state = _index._state


def local_date(value):
    """Return the calendar date of ``value`` in China Standard Time.

    An aware datetime is converted to Asia/Shanghai; a naive datetime is
    taken to be China Standard Time already; a date is returned as is.
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(CHINA_TZ)
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date or datetime, got {type(value).__name__}")


def is_working_day(day):
    day = local_date(day)
    ordinal = day.toordinal()
    index = _index.current_index().covering(ordinal, ordinal)
    return bool(index.flags[ordinal - index.lo])


def next_working_day(day):
    """Return ``day`` itself if it is a working day, else the first working day after it."""
    day = local_date(day)
    ordinal = day.toordinal()
    index = _index.current_index()
    while True:
        index = index.covering(ordinal, ordinal + 366)
        offset = ordinal - index.lo
        if index.flags[offset]:
            return day
        position = index.after[offset]
        if position < index.count:
            return index.work[position]
        ordinal = index.hi + 1


def add_working_days(day, n, _date=date, _now=_monotonic, _state=_state):
    """Return the n-th working day after ``day`` (``day`` itself not counted).

    From a rest day the first working day after it is day 1. ``n`` = 0
    returns ``day`` rolled forward to a working day. Raises ValueError for
    a negative ``n``.
    """
    if day.__class__ is not _date:
        day = local_date(day)

    # Fast path when the index is fresh and covers the result. The keyword
    # defaults above turn these names into local look-ups.
    index = _state.index
    if index is not None and n > 0 and _now() < _state.fresh_until:
        offset = day.toordinal() - index.lo
        if 0 <= offset < index.size:
            position = index.after[offset] + n - 1
            if position < index.count:
                return index.work[position]
    return _add_working_days_slow(day, n)


def _add_working_days_slow(day, n):
    if n < 1:
        if n == 0:
            return next_working_day(day)
        raise ValueError(f"n must be zero or positive, got {n}")

    ordinal = day.toordinal()
    # About 250 working days a year; ask for a year more than that needs.
    last = ordinal + (n // 240 + 1) * 366
    index = _index.current_index()
    while True:
        index = index.covering(ordinal, last)
        position = index.after[ordinal - index.lo] + n - 1
        if position < index.count:
            return index.work[position]
        last += 366


def add_working_days_many(pairs):
    """Return add_working_days(day, n) for each (day, n) pair, in order.

    The results equal those of add_working_days called in a loop, with
    less overhead per pair when recomputing many stored deadlines at once.
    """
    index = _index.current_index()
    lo, size, after, work, count = index.lo, index.size, index.after, index.work, index.count
    results = []
    append = results.append
    for day, n in pairs:
        if day.__class__ is not date:
            day = local_date(day)
        offset = day.toordinal() - lo
        if n >= 1 and 0 <= offset < size:
            position = after[offset] + n - 1
            if position < count:
                append(work[position])
                continue
        append(add_working_days(day, n))
    return results


def add_calendar_days(day, n):
    """Return the day ``n`` calendar days after ``day``, rolled forward to a working day.

    From a rest day the count starts on the next working day, which is day 1.
    Raises ValueError for a negative ``n``.
    """
    day = local_date(day)
    if n < 0:
        raise ValueError(f"n must be zero or positive, got {n}")
    if not is_working_day(day):
        first_counted = next_working_day(day)
        due = first_counted + timedelta(days=max(n - 1, 0))
    else:
        due = day + timedelta(days=n)
    return next_working_day(due)


def working_days_between(start, end):
    """Return the number of working days after ``start`` up to and including ``end``.

    Negative when ``end`` is before ``start``.
    """
    start, end = local_date(start), local_date(end)
    first, last = sorted((start.toordinal(), end.toordinal()))
    index = _index.current_index().covering(first, last)
    count = index.after[end.toordinal() - index.lo] - index.after[start.toordinal() - index.lo]
    return count


def day_info(day):
    """Return a DayInfo with the kind, holiday name, source and year confirmation of ``day``."""
    day = local_date(day)
    index = _index.current_index()
    kind, name, source = index.kind_of(day)
    return _index.DayInfo(day, kind, name, source, day.year in index.confirmed_years)


def is_confirmed_year(year):
    return year in _index.current_index().confirmed_years


def unconfirmed_years(start, end):
    """Return the sorted years from ``start`` to ``end`` (dates) that are not confirmed."""
    confirmed = _index.current_index().confirmed_years
    first, last = sorted((local_date(start).year, local_date(end).year))
    return [year for year in range(first, last + 1) if year not in confirmed]
