import io
from datetime import date

import pytest
from django.core.management import call_command

from workdays import calendar, demo, index, package, services
from workdays.models import CalendarChange, CalendarDay, CalendarVersion, CalendarYear

pytestmark = pytest.mark.django_db


def test_sync_seeds_package_years_as_confirmed(seeded):
    assert seeded.years_added == list(range(2004, 2027))
    assert seeded.days_added == CalendarDay.objects.count() == 8401
    assert set(CalendarYear.objects.values_list("source", "confirmed").distinct()) == {("package", True)}


def test_sync_twice_changes_nothing(seeded):
    second = services.sync_from_package()

    assert second.days_added == 0
    assert second.days_changed == []
    assert second.years_added == []


def test_sync_upgrade_keeps_administrator_days(seeded, monkeypatch, superuser):
    services.change_day(date(2026, 10, 9), "holiday", "管理员", superuser)
    upgraded = {date(2026, 10, 7): ("working", ""), date(2026, 10, 9): ("working", "")}
    original = package.package_day
    monkeypatch.setattr(services, "package_day", lambda day: upgraded.get(day) or original(day))

    output = io.StringIO()
    call_command("sync_calendar", stdout=output)

    assert CalendarDay.objects.get(date=date(2026, 10, 7)).kind == "working"
    kept = CalendarDay.objects.get(date=date(2026, 10, 9))
    assert (kept.kind, kept.source) == ("holiday", "administrator")
    assert "2026-10-07: holiday -> working" in output.getvalue()
    assert "2026-10-09: kept holiday, package says working" in output.getvalue()
    change = CalendarChange.objects.get(kind="day", target="2026-10-07")
    assert change.before["kind"] == "holiday"
    assert calendar.is_working_day(date(2026, 10, 7)) is True


def test_sync_confirms_fallback_year_entered_but_unconfirmed(seeded):
    CalendarYear.objects.filter(year=2026).update(confirmed=False, source="fallback")

    report = services.sync_from_package()

    assert report.years_confirmed == [2026]


def test_demo_load_is_idempotent(db):
    first_output, second_output = io.StringIO(), io.StringIO()

    assert demo.load(first_output) == []
    assert demo.load(second_output) == []
    assert "8 default deadline policies created" in first_output.getvalue()
    assert "0 days added, 0 changed; 0 default" in second_output.getvalue()


def test_change_in_other_process_seen_after_check_interval(seeded, django_assert_num_queries):
    assert calendar.is_working_day(date(2025, 3, 17)) is True
    index._state.verify_each_call = False
    index.refresh()

    # Another process marks Monday 17 Mar 2025 as a holiday; no signal reaches this one.
    CalendarDay.objects.filter(date=date(2025, 3, 17)).update(kind="holiday")
    CalendarVersion.objects.filter(pk=1).update(token="changed-elsewhere")
    with django_assert_num_queries(0):
        assert calendar.add_working_days(date(2025, 3, 14), 1) == date(2025, 3, 17)

    index._state.fresh_until = 0.0  # the check interval has passed
    assert calendar.add_working_days(date(2025, 3, 14), 1) == date(2025, 3, 18)


def test_change_inside_transaction_checked_on_every_call(seeded):
    CalendarDay.objects.filter(date=date(2025, 3, 17)).update(kind="holiday")
    CalendarVersion.objects.filter(pk=1).update(token="rolled-back-elsewhere")

    # seeded changed the calendar inside this test's transaction, so no grace period applies.
    assert calendar.is_working_day(date(2025, 3, 17)) is False
