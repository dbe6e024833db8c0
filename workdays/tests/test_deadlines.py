from datetime import date, datetime
from datetime import timezone as dt_timezone
from zoneinfo import ZoneInfo

import pytest

from workdays.deadlines import Clock, Deadline, DeadlineError, compute_deadline, remaining_days, resume_deadline
from workdays.services import add_policy, ensure_default_policies

SHANGHAI = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.django_db


@pytest.fixture
def policies(seeded):
    ensure_default_policies()


@pytest.mark.parametrize(
    "clock, start, due",
    [
        # Friday 23:59 in Beijing on a UTC server: the Sunday worked for the Spring Festival counts.
        (Clock.RECEIPT, datetime(2025, 1, 24, 15, 59, tzinfo=dt_timezone.utc), date(2025, 1, 27)),
        # Saturday 00:00 in Beijing: counting starts on the worked Sunday.
        (Clock.RECEIPT, datetime(2025, 1, 24, 16, 0, tzinfo=dt_timezone.utc), date(2025, 1, 27)),
        (Clock.RECEIPT, date(2025, 1, 27), date(2025, 2, 6)),
        (Clock.ACCEPTANCE, date(2025, 9, 16), date(2025, 10, 9)),
        (Clock.HANDLING, date(2025, 3, 3), date(2025, 5, 6)),  # 2 May 2025 falls in 1-5 May
        (Clock.CORRECTION, date(2025, 3, 1), date(2025, 3, 17)),  # Saturday start
        (Clock.REVIEW_REQUEST, date(2024, 12, 2), date(2025, 1, 2)),
        (Clock.REVIEW_ANSWER, date(2025, 12, 5), date(2026, 1, 4)),  # 4 Jan 2026 is a worked Sunday
        (Clock.RATING, date(2026, 1, 20), date(2026, 2, 24)),  # 19 Feb is in the 2026 Spring Festival
    ],
)
def test_compute_deadline_default_policies(policies, clock, start, due):
    deadline = compute_deadline(clock, start)

    assert deadline.due == due
    assert deadline.provisional is False
    assert deadline.clock == clock.value
    assert deadline.policy_id is not None


def test_compute_deadline_without_policy_rows_uses_defaults(seeded):
    deadline = compute_deadline("acceptance", date(2025, 3, 3))

    assert deadline == Deadline(date(2025, 3, 18), False, "acceptance", None)


@pytest.mark.parametrize(
    "clock, start, due",
    [
        (Clock.HANDLING, date(2030, 3, 1), date(2030, 4, 30)),
        (Clock.RECEIPT, date(2030, 2, 1), date(2030, 2, 7)),  # 2-5 Feb 2030 statutory Spring Festival
        (Clock.ACCEPTANCE, date(2026, 12, 25), date(2027, 1, 11)),  # into 2027, not yet published
    ],
)
def test_deadline_through_unconfirmed_year_is_provisional(policies, clock, start, due):
    deadline = compute_deadline(clock, start)

    assert deadline.due == due
    assert deadline.provisional is True


def test_handling_extension_limited_by_handling_policy(policies):
    extended = compute_deadline(Clock.HANDLING_EXTENSION, date(2025, 5, 6), days=20)

    assert extended.due == date(2025, 5, 26)
    with pytest.raises(DeadlineError) as error:
        compute_deadline(Clock.HANDLING_EXTENSION, date(2025, 5, 6), days=31)
    assert error.value.code == "extension_too_long"
    assert "30" in str(error.value)


@pytest.mark.parametrize(
    "clock, days, code",
    [
        ("handling", -1, "invalid_days"),
        ("handling_extension", 0, "extension_too_long"),
        ("nonsense", None, "unknown_clock"),
    ],
)
def test_compute_deadline_rejects_bad_input(policies, clock, days, code):
    with pytest.raises(DeadlineError) as error:
        compute_deadline(clock, date(2025, 3, 3), days=days)
    assert error.value.code == code


def test_policy_change_applies_only_to_matters_started_afterwards(policies, superuser):
    change_at = datetime(2025, 6, 1, 0, 0, tzinfo=SHANGHAI)
    new_policy = add_policy("acceptance", 10, "working_days", change_at, superuser, legal_source="测试")

    before = compute_deadline(Clock.ACCEPTANCE, datetime(2025, 5, 31, 23, 59, tzinfo=SHANGHAI))
    after = compute_deadline(Clock.ACCEPTANCE, datetime(2025, 6, 1, 0, 0, tzinfo=SHANGHAI))

    # Saturday 31 May to Monday 2 Jun is the Dragon Boat break, so 3 Jun is day 1 of 15.
    assert before.due == date(2025, 6, 17)
    assert before.policy_id != new_policy.pk
    assert after.due == date(2025, 6, 16)  # 10 working days from 3 Jun
    assert after.policy_id == new_policy.pk
    assert compute_deadline(Clock.ACCEPTANCE, date(2025, 7, 1)).due == date(2025, 7, 15)


@pytest.mark.parametrize(
    "clock, due, paused_on, remaining",
    [
        (Clock.HANDLING, date(2025, 5, 6), date(2025, 4, 1), 35),
        (Clock.HANDLING, date(2025, 5, 6), date(2025, 5, 10), 0),  # already past: nothing left
        (Clock.RECEIPT, date(2025, 2, 6), date(2025, 1, 27), 2),  # only 5 and 6 Feb are working
    ],
)
def test_remaining_days_in_clock_unit(policies, clock, due, paused_on, remaining):
    assert remaining_days(clock, due, paused_on) == remaining


@pytest.mark.parametrize(
    "clock, remaining, resumed_on, due",
    [
        (Clock.HANDLING, 35, date(2025, 4, 20), date(2025, 5, 26)),
        (Clock.HANDLING, 10, date(2025, 9, 25), date(2025, 10, 9)),  # lands on 5 Oct, rolls over
        (Clock.RECEIPT, 2, date(2025, 1, 25), date(2025, 1, 27)),  # resumes on a Saturday
        (Clock.HANDLING, 0, date(2025, 10, 4), date(2025, 10, 9)),
    ],
)
def test_resume_deadline_keeps_remaining_days(policies, clock, remaining, resumed_on, due):
    deadline = resume_deadline(clock, remaining, resumed_on)

    assert deadline.due == due
    assert deadline.provisional is False


def test_pause_and_resume_round_trip_with_start_policy(policies, superuser):
    started = compute_deadline(Clock.RECEIPT, date(2025, 3, 3))
    # The rule changes to calendar days while the clock is paused.
    add_policy("receipt", 5, "calendar_days", datetime(2025, 3, 4, tzinfo=SHANGHAI), superuser)

    left = remaining_days(Clock.RECEIPT, started.due, date(2025, 3, 3), policy_id=started.policy_id)
    resumed = resume_deadline(Clock.RECEIPT, left, date(2025, 3, 10), policy_id=started.policy_id)

    assert started.due == date(2025, 3, 5)
    assert left == 2
    assert resumed.due == date(2025, 3, 12)
    assert resumed.policy_id == started.policy_id


def test_resume_rejects_negative_remaining(policies):
    with pytest.raises(DeadlineError) as error:
        resume_deadline(Clock.HANDLING, -3, date(2025, 3, 3))
    assert error.value.code == "invalid_days"
