from datetime import date

import pytest

from workdays import calendar
from workdays.models import CalendarChange
from workdays.recompute import recompute_open_deadlines, register_provider, unregister_provider
from workdays.services import change_day, confirm_years

pytestmark = pytest.mark.django_db


class RecordingProvider:
    """Keeps one open deadline (10 working days after ``start``) and recomputes it on request."""

    def __init__(self, start):
        self.start = start
        self.due = calendar.add_working_days(start, 10)
        self.calls = []

    def __call__(self, years):
        self.calls.append(set(years))
        due = calendar.add_working_days(self.start, 10)
        changed = due != self.due
        self.due = due
        return int(changed)


@pytest.fixture
def provider(seeded):
    recorder = RecordingProvider(date(2025, 4, 21))
    register_provider(recorder)
    yield recorder
    unregister_provider(recorder)


def test_changed_holiday_recomputes_open_deadline(provider, superuser):
    assert provider.due == date(2025, 5, 7)  # Sunday 27 Apr worked, 1-5 May off

    recomputed = change_day(date(2025, 4, 30), "holiday", "测试", superuser, note="test")

    assert provider.calls == [{2025}]
    assert recomputed == 1
    assert provider.due == date(2025, 5, 8)
    change = CalendarChange.objects.get(kind="day", target="2025-04-30")
    assert change.before == {"kind": "working", "holiday_name": "", "source": "package"}
    assert change.after == {"kind": "holiday", "holiday_name": "测试", "source": "administrator"}
    assert change.actor == superuser


def test_confirming_year_calls_providers_with_that_year(provider, superuser):
    assert calendar.is_confirmed_year(2027) is False

    confirm_years([2027], superuser)

    assert provider.calls == [{2027}]
    assert calendar.is_confirmed_year(2027) is True
    assert CalendarChange.objects.filter(kind="year_confirmed", target="2027").count() == 1


def test_confirming_confirmed_year_does_nothing(provider, superuser):
    assert confirm_years([2025], superuser) == 0
    assert provider.calls == []


def test_failing_provider_does_not_stop_others(provider, caplog):
    def broken(years):
        raise RuntimeError("boom")

    register_provider(broken)
    try:
        change_day(date(2025, 4, 30), "holiday", "测试", None)
    finally:
        unregister_provider(broken)

    assert provider.due == date(2025, 5, 8)
    assert "failed for years [2025]" in caplog.text


def test_register_provider_twice_calls_it_once(provider):
    register_provider(provider)

    recompute_open_deadlines({2025})

    assert provider.calls == [{2025}]


def test_recompute_with_no_years_calls_nothing(provider):
    assert recompute_open_deadlines(set()) == 0
    assert provider.calls == []
