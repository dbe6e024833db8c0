"""In-memory index of the working-day calendar, shared by every query in a process.

The index covers a contiguous range of whole years. For each day it stores
whether the day is a working day and how many working days the range holds
up to and including that day, plus the list of working dates. With those,
"the n-th working day after d" and "working days between a and b" are a few
list look-ups, whatever n is.

Freshness: a change to the calendar or the policies writes a new random
token into ``CalendarVersion``. Each process compares the stored token at
most once per ``WORKDAYS_VERSION_CHECK_SECONDS`` (default 1 second) and
rebuilds when it differs. After a change made inside a transaction that has
not committed yet, the process compares on every call until it is outside
any transaction, so a rollback is noticed at once.
"""

import logging
import threading
import uuid
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from time import monotonic
from types import SimpleNamespace

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from workdays.fallback import fallback_holidays

logger = logging.getLogger(__name__)

WORKING = "working"
WEEKEND = "weekend"
HOLIDAY = "holiday"
ADJUSTED_WORKING = "adjusted_working"
REST_KINDS = frozenset({WEEKEND, HOLIDAY})
FALLBACK = "fallback"

# Years indexed around today even when the database has none of them.
YEARS_BEFORE_TODAY = 3
YEARS_AFTER_TODAY = 6
# A query further than this from the indexed range gets a separate index
# for its own years instead of stretching the shared one across the gap.
MAX_EXTENSION_YEARS = 100
MAX_DETACHED = 16


@dataclass(frozen=True)
class PolicyRecord:
    id: int
    clock: str
    length: int
    unit: str
    max_extension: int | None
    effective_from: datetime


@dataclass(frozen=True)
class DayInfo:
    date: date
    kind: str
    holiday_name: str
    source: str
    confirmed: bool

    @property
    def is_working(self):
        return self.kind not in REST_KINDS


def fallback_day(day):
    """Return (kind, holiday name) for ``day`` under the statutory rules alone."""
    name = fallback_holidays(day.year).get(day)
    if name:
        return HOLIDAY, name
    if day.weekday() >= 5:
        return WEEKEND, ""
    return WORKING, ""


class CalendarIndex:
    """Immutable snapshot of the calendar over the years first_year..last_year."""

    def __init__(self, token, stored, confirmed_years, policies, first_year, last_year):
        self.token = token
        self.stored = stored  # {date: (kind, holiday name, source)}
        self.confirmed_years = confirmed_years
        self.policies = policies  # {clock: [PolicyRecord] by effective_from}
        self.first_year = first_year
        self.last_year = last_year
        self.lo = date(first_year, 1, 1).toordinal()
        self.hi = date(last_year, 12, 31).toordinal()
        self._detached = {}
        self._lock = threading.Lock()
        self._build_arrays()

    def _build_arrays(self):
        flags = bytearray(self.hi - self.lo + 1)
        after = [0] * len(flags)
        work = []
        count = 0
        for offset in range(len(flags)):
            day = date.fromordinal(self.lo + offset)
            if self.kind_of(day)[0] not in REST_KINDS:
                flags[offset] = 1
                work.append(day)
                count += 1
            after[offset] = count
        self.flags = flags
        self.after = after  # working days in [lo, day], day included
        self.work = work
        self.size = len(flags)
        self.count = count

    def kind_of(self, day):
        """Return (kind, holiday name, source) for ``day``."""
        entry = self.stored.get(day)
        if entry is not None:
            return entry
        kind, name = fallback_day(day)
        return kind, name, FALLBACK

    def covering(self, first_ordinal, last_ordinal):
        """Return an index whose range contains both ordinals (this one if it does)."""
        if self.lo <= first_ordinal and last_ordinal <= self.hi:
            return self
        first_year = date.fromordinal(max(first_ordinal, 1)).year
        last_year = date.fromordinal(min(last_ordinal, date.max.toordinal())).year
        gap = max(self.first_year - first_year, last_year - self.last_year)
        if gap <= MAX_EXTENSION_YEARS:
            return self._extended(min(first_year, self.first_year), max(last_year, self.last_year))
        return self._detached_index(first_year, last_year)

    def _extended(self, first_year, last_year):
        wider = self._copy(first_year, last_year)
        if _state.index is self:
            _state.index = wider
        return wider

    def _detached_index(self, first_year, last_year):
        key = (first_year, last_year)
        with self._lock:
            index = self._detached.get(key)
            if index is None:
                if len(self._detached) >= MAX_DETACHED:
                    self._detached.clear()
                index = self._detached[key] = self._copy(first_year, last_year)
        return index

    def _copy(self, first_year, last_year):
        return CalendarIndex(
            self.token, self.stored, self.confirmed_years, self.policies, first_year, last_year
        )

    def policy_at(self, clock, moment):
        """Return the newest PolicyRecord of ``clock`` effective at ``moment``, or None."""
        records = self.policies.get(clock, ())
        position = bisect_right([record.effective_from for record in records], moment)
        if position == 0:
            return None
        return records[position - 1]

    def policy_by_id(self, policy_id):
        for records in self.policies.values():
            for record in records:
                if record.id == policy_id:
                    return record
        return None


# Token of an index built without database access; it never equals a stored token.
UNREADABLE = "unreadable"

_state = SimpleNamespace(index=None, fresh_until=0.0, verify_each_call=False)
_refresh_lock = threading.Lock()


def current_index():
    """Return the calendar index, rebuilding it if the stored token changed."""
    index = _state.index
    if index is None or monotonic() >= _state.fresh_until:
        index = refresh()
    return index


def refresh():
    with _refresh_lock:
        token = _read_token()
        index = _state.index
        if index is None or index.token != token:
            index = _state.index = _build(token)

        if _state.verify_each_call and not connection.in_atomic_block:
            _state.verify_each_call = False
        if _state.verify_each_call:
            _state.fresh_until = 0.0
        else:
            interval = getattr(settings, "WORKDAYS_VERSION_CHECK_SECONDS", 1.0)
            _state.fresh_until = monotonic() + interval
        return index


def invalidate():
    """Drop this process's index, so the next query rebuilds it from the database."""
    _state.fresh_until = 0.0
    _state.index = None


def bump_version():
    """Record a calendar or policy change for every process, this one at once."""
    from workdays.models import CalendarVersion

    token = uuid.uuid4().hex
    CalendarVersion.objects.update_or_create(pk=1, defaults={"token": token})
    invalidate()
    if connection.in_atomic_block:
        _state.verify_each_call = True
    return token


def _read_token():
    from workdays.models import CalendarVersion

    try:
        if connection.in_atomic_block:
            # A savepoint keeps a PostgreSQL transaction usable after an error.
            with transaction.atomic():
                return CalendarVersion.objects.filter(pk=1).values_list("token", flat=True).first()
        return CalendarVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    except DatabaseError:
        # Tables not migrated yet: work from the statutory rules alone.
        logger.warning("Calendar tables unreadable; using the statutory fallback calendar")
        return UNREADABLE


def _build(token):
    stored, confirmed, policies = _load(token)
    this_year = timezone.localdate().year
    years = {this_year - YEARS_BEFORE_TODAY, this_year + YEARS_AFTER_TODAY}
    years.update(day.year for day in stored)
    years.update(confirmed)
    index = CalendarIndex(token, stored, frozenset(confirmed), policies, min(years), max(years))
    logger.info(
        "Calendar index built for %s-%s (%s stored days)", index.first_year, index.last_year, len(stored)
    )
    return index


def _load(token):
    from workdays.models import CalendarDay, CalendarYear, DeadlinePolicy

    if token == UNREADABLE:
        return {}, set(), {}
    stored = {
        day: (kind, name, source)
        for day, kind, name, source in CalendarDay.objects.values_list(
            "date", "kind", "holiday_name", "source"
        )
    }
    confirmed = set(CalendarYear.objects.filter(confirmed=True).values_list("year", flat=True))
    policies = {}
    for row in DeadlinePolicy.objects.order_by("effective_from", "id").values(
        "id", "clock", "length", "unit", "max_extension", "effective_from"
    ):
        policies.setdefault(row["clock"], []).append(PolicyRecord(**row))
    return stored, confirmed, policies
