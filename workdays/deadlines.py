"""Deadlines of the petition clocks, computed from the policy in force when a clock starts.

A policy is a row of DeadlinePolicy. A change adds a new row with a later
``effective_from``, so a matter keeps the rule that applied when its clock
started. Without any row for a clock, the statutory default below applies
and ``Deadline.policy_id`` is None.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import models
from django.utils.translation import gettext_lazy as _

from workdays import calendar
from workdays.index import current_index

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"


class Clock(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    ACCEPTANCE = "acceptance", _("Acceptance decision")
    HANDLING = "handling", _("Handling")
    HANDLING_EXTENSION = "handling_extension", _("Handling extension")
    CORRECTION = "correction", _("Applicant's correction")
    REVIEW_REQUEST = "review_request", _("Review request")
    REVIEW_ANSWER = "review_answer", _("Review answer")
    RATING = "rating", _("Satisfaction rating")


@dataclass(frozen=True)
class DefaultPolicy:
    length: int
    unit: str
    max_extension: int | None
    legal_source: str


# The legal sources are stored data shown to administrators in Chinese.
DEFAULT_POLICIES = {
    Clock.RECEIPT: DefaultPolicy(2, WORKING_DAYS, None, "平台服务承诺：提交后2个工作日内登记"),
    Clock.ACCEPTANCE: DefaultPolicy(15, CALENDAR_DAYS, None, "《信访工作条例》（2022年）第二十三条"),
    Clock.HANDLING: DefaultPolicy(60, CALENDAR_DAYS, 30, "《信访工作条例》（2022年）第三十四条"),
    Clock.HANDLING_EXTENSION: DefaultPolicy(
        30, CALENDAR_DAYS, 30, "《信访工作条例》（2022年）第三十四条：延长期限不得超过30日"
    ),
    Clock.CORRECTION: DefaultPolicy(15, CALENDAR_DAYS, None, "法院工作惯例：补正材料期限，可调整"),
    Clock.REVIEW_REQUEST: DefaultPolicy(30, CALENDAR_DAYS, None, "《信访工作条例》（2022年）第三十五条"),
    Clock.REVIEW_ANSWER: DefaultPolicy(
        30, CALENDAR_DAYS, None, "《信访工作条例》（2022年）第三十五条、第三十六条"
    ),
    Clock.RATING: DefaultPolicy(30, CALENDAR_DAYS, None, "平台服务规则：答复后30日内评价"),
}


# Default policies stored by ensure_default_policies apply to every clock
# started from this moment on, which covers all matters the platform holds.
POLICIES_EFFECTIVE_FROM = datetime(2000, 1, 1, tzinfo=calendar.CHINA_TZ)


class DeadlineError(ValueError):
    """Invalid deadline request; ``code`` is stable, ``str()`` is translated."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Deadline:
    due: date
    provisional: bool
    clock: str
    policy_id: int | None


@dataclass(frozen=True)
class EffectivePolicy:
    clock: str
    length: int
    unit: str
    max_extension: int | None
    policy_id: int | None


def policy_for(clock, moment):
    """Return the EffectivePolicy of ``clock`` at ``moment`` (a datetime or a date).

    A date means 00:00 China Standard Time on that day.
    """
    clock = Clock(clock)
    record = current_index().policy_at(clock.value, _as_moment(moment))
    if record is not None:
        return EffectivePolicy(clock.value, record.length, record.unit, record.max_extension, record.id)
    default = DEFAULT_POLICIES[clock]
    return EffectivePolicy(clock.value, default.length, default.unit, default.max_extension, None)


def compute_deadline(clock, start, *, days=None):
    """Return the Deadline of ``clock`` started at ``start`` (a datetime or a date).

    ``days`` replaces the policy length, as for an extension; for the
    handling extension it may not exceed the handling policy's maximum
    extension. Raises DeadlineError for an unknown clock or invalid days.
    """
    clock = _clock(clock)
    policy = policy_for(clock, start)
    length = policy.length if days is None else _checked_days(clock, start, days)
    return _deadline(clock, policy, calendar.local_date(start), length)


def remaining_days(clock, due, paused_on, *, policy_id=None):
    """Return how many days of the clock's unit are left after ``paused_on`` until ``due``.

    Working days are those after ``paused_on`` up to and including ``due``;
    calendar days are the plain difference. Never negative. ``policy_id``
    names the policy the clock started under; without it the policy in
    force on ``paused_on`` gives the unit.
    """
    policy = _policy(clock, paused_on, policy_id)
    paused_on, due = calendar.local_date(paused_on), calendar.local_date(due)
    if policy.unit == WORKING_DAYS:
        return max(calendar.working_days_between(paused_on, due), 0)
    return max((due - paused_on).days, 0)


def resume_deadline(clock, remaining, resumed_on, *, policy_id=None):
    """Return the Deadline of a paused clock that resumes on ``resumed_on`` with ``remaining`` days."""
    if remaining < 0:
        raise DeadlineError("invalid_days", _("The number of days must not be negative."))
    policy = _policy(clock, resumed_on, policy_id)
    return _deadline(_clock(clock), policy, calendar.local_date(resumed_on), remaining)


def _deadline(clock, policy, start_day, length):
    if policy.unit == WORKING_DAYS:
        due = calendar.add_working_days(start_day, length)
    else:
        due = calendar.add_calendar_days(start_day, length)
    provisional = bool(calendar.unconfirmed_years(start_day, due))
    return Deadline(due=due, provisional=provisional, clock=clock.value, policy_id=policy.policy_id)


def _policy(clock, moment, policy_id):
    clock = _clock(clock)
    if policy_id is not None:
        record = current_index().policy_by_id(policy_id)
        if record is not None:
            return EffectivePolicy(clock.value, record.length, record.unit, record.max_extension, record.id)
    return policy_for(clock, moment)


def _clock(clock):
    try:
        return Clock(clock)
    except ValueError:
        raise DeadlineError(
            "unknown_clock", _("Unknown deadline clock “%(clock)s”.") % {"clock": clock}
        ) from None


def _checked_days(clock, start, days):
    if not isinstance(days, int) or days < 0:
        raise DeadlineError("invalid_days", _("The number of days must not be negative."))
    if clock == Clock.HANDLING_EXTENSION:
        maximum = policy_for(Clock.HANDLING, start).max_extension
        if maximum is None:
            maximum = policy_for(clock, start).length
        if not 1 <= days <= maximum:
            raise DeadlineError(
                "extension_too_long",
                _("The extension must be from 1 to %(maximum)s days.") % {"maximum": maximum},
            )
    return days


def _as_moment(value):
    """Return an aware datetime: a date becomes 00:00 China Standard Time that day."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=calendar.CHINA_TZ)
        return value
    return datetime.combine(value, time.min, tzinfo=calendar.CHINA_TZ)
