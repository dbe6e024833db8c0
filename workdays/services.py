"""Changes to the calendar and the deadline policies, one function per action.

Each function checks the actor's permission (``actor=None`` means the
system itself, such as a management command), runs in one transaction,
logs a CalendarChange and writes a new calendar version token for every
process. When working days may have moved, it also recomputes the open
deadlines.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from workdays.index import bump_version, current_index
from workdays.models import CalendarChange, CalendarDay, CalendarYear, DeadlinePolicy, Source
from workdays.package import days_of_year, package_day, package_years
from workdays.recompute import recompute_open_deadlines

logger = logging.getLogger(__name__)


@dataclass
class SyncReport:
    years_added: list = field(default_factory=list)
    years_confirmed: list = field(default_factory=list)
    days_added: int = 0
    days_changed: list = field(default_factory=list)  # (date, before, after)
    administrator_days_kept: list = field(default_factory=list)  # (date, stored, package)
    deadlines_recomputed: int = 0


def _require(actor, permission):
    if actor is not None and not actor.has_perm(permission):
        raise PermissionDenied


def _day_state(kind, name, source):
    return {"kind": kind, "holiday_name": name, "source": source}


@transaction.atomic
def sync_from_package(actor=None):
    """Copy the package's schedules into the database, keeping administrator entries.

    Returns a SyncReport; running it twice changes nothing the second time.
    """
    _require(actor, "workdays.change_calendarday")
    report = SyncReport()
    years = package_years()
    stored = {row.date: row for row in CalendarDay.objects.filter(date__year__in=years)}

    to_create, to_update = [], []
    for year in years:
        for day in days_of_year(year):
            kind, name = package_day(day)
            row = stored.get(day)
            if row is None:
                to_create.append(CalendarDay(date=day, kind=kind, holiday_name=name, source=Source.PACKAGE))
            elif row.source == Source.ADMINISTRATOR:
                if (row.kind, row.holiday_name) != (kind, name):
                    report.administrator_days_kept.append((day, row.kind, kind))
            elif (row.kind, row.holiday_name, row.source) != (kind, name, Source.PACKAGE):
                before = _day_state(row.kind, row.holiday_name, row.source)
                row.kind, row.holiday_name, row.source = kind, name, Source.PACKAGE
                to_update.append(row)
                report.days_changed.append((day, before, _day_state(kind, name, Source.PACKAGE)))

    CalendarDay.objects.bulk_create(to_create, batch_size=1000)
    CalendarDay.objects.bulk_update(to_update, ["kind", "holiday_name", "source", "updated_at"], batch_size=1000)
    report.days_added = len(to_create)
    _confirm_package_years(years, report)

    changed_years = {day.year for day, _before, _after in report.days_changed}
    changed_years.update(report.years_added, report.years_confirmed)
    _log_sync(report, years, actor)
    if changed_years or to_create:
        bump_version()
        report.deadlines_recomputed = recompute_open_deadlines(changed_years)
    return report


def _confirm_package_years(years, report):
    now = timezone.now()
    existing = {row.year: row for row in CalendarYear.objects.filter(year__in=years)}
    for year in years:
        row = existing.get(year)
        if row is None:
            CalendarYear.objects.create(year=year, confirmed=True, source=Source.PACKAGE, confirmed_at=now)
            report.years_added.append(year)
        elif row.source != Source.ADMINISTRATOR and not row.confirmed:
            row.confirmed, row.source, row.confirmed_at = True, Source.PACKAGE, now
            row.save(update_fields=["confirmed", "source", "confirmed_at"])
            report.years_confirmed.append(year)


def _log_sync(report, years, actor):
    for day, before, after in report.days_changed:
        CalendarChange.objects.create(
            kind=CalendarChange.Kind.DAY, target=day.isoformat(), before=before, after=after,
            actor=actor, note="chinese-calendar",
        )
    if report.days_added or report.days_changed or report.years_confirmed:
        CalendarChange.objects.create(
            kind=CalendarChange.Kind.SYNC,
            target=f"{years[0]}-{years[-1]}",
            after={
                "years_added": report.years_added,
                "years_confirmed": report.years_confirmed,
                "days_added": report.days_added,
                "days_changed": len(report.days_changed),
                "administrator_days_kept": len(report.administrator_days_kept),
            },
            actor=actor,
        )
    logger.info(
        "Calendar synchronised: %s days added, %s changed, %s administrator days kept",
        report.days_added, len(report.days_changed), len(report.administrator_days_kept),
    )


@transaction.atomic
def save_year_schedule(schedule, actor, note=""):
    """Store a year's State Council schedule (a workdays.schedule.YearSchedule) and confirm the year.

    Every day of the year is written with source "administrator". Returns
    the number of deadlines recomputed.
    """
    _require(actor, "workdays.change_calendaryear")
    days = schedule.days()
    stored = {row.date: row for row in CalendarDay.objects.filter(date__year=schedule.year)}
    before = _kind_counts(stored.values())

    to_create, to_update = [], []
    for day, (kind, name) in days.items():
        row = stored.get(day)
        if row is None:
            to_create.append(CalendarDay(date=day, kind=kind, holiday_name=name, source=Source.ADMINISTRATOR))
        elif (row.kind, row.holiday_name, row.source) != (kind, name, Source.ADMINISTRATOR):
            row.kind, row.holiday_name, row.source = kind, name, Source.ADMINISTRATOR
            to_update.append(row)
    CalendarDay.objects.bulk_create(to_create, batch_size=1000)
    CalendarDay.objects.bulk_update(to_update, ["kind", "holiday_name", "source", "updated_at"], batch_size=1000)

    CalendarYear.objects.update_or_create(
        year=schedule.year,
        defaults={
            "confirmed": True, "source": Source.ADMINISTRATOR, "confirmed_at": timezone.now(),
            "confirmed_by": actor, "note": note,
        },
    )
    CalendarChange.objects.create(
        kind=CalendarChange.Kind.SCHEDULE, target=str(schedule.year), before=before or None,
        after={**Counter(kind for kind, _name in days.values()), **schedule.as_json()},
        actor=actor, note=note,
    )
    logger.info("Calendar year %s entered and confirmed", schedule.year)
    return _changed({schedule.year})


def _kind_counts(rows):
    return dict(Counter(row.kind for row in rows))


@transaction.atomic
def change_day(day, kind, holiday_name, actor, note=""):
    """Set one day's kind, as an administrator entry; returns the number of deadlines recomputed."""
    _require(actor, "workdays.change_calendarday")
    row = CalendarDay.objects.select_for_update().filter(date=day).first()
    if row is None:
        previous_kind, previous_name, previous_source = current_index().kind_of(day)
        before = _day_state(previous_kind, previous_name, previous_source)
        row = CalendarDay(date=day)
    else:
        before = _day_state(row.kind, row.holiday_name, row.source)

    row.kind, row.holiday_name, row.source = kind, holiday_name, Source.ADMINISTRATOR
    row.save()
    after = _day_state(kind, holiday_name, Source.ADMINISTRATOR)
    CalendarChange.objects.create(
        kind=CalendarChange.Kind.DAY, target=day.isoformat(), before=before, after=after,
        actor=actor, note=note,
    )
    logger.info("Calendar day %s changed from %s to %s", day, before["kind"], kind)
    return _changed({day.year})


@transaction.atomic
def confirm_years(years, actor, note=""):
    """Confirm years as they are stored; returns the number of deadlines recomputed."""
    _require(actor, "workdays.change_calendaryear")
    now = timezone.now()
    newly = []
    for year in sorted(set(years)):
        row, _created = CalendarYear.objects.select_for_update().get_or_create(
            year=year, defaults={"source": Source.ADMINISTRATOR}
        )
        if row.confirmed:
            continue
        row.confirmed, row.confirmed_at, row.confirmed_by = True, now, actor
        if note:
            row.note = note
        row.save()
        newly.append(year)
        CalendarChange.objects.create(
            kind=CalendarChange.Kind.YEAR_CONFIRMED, target=str(year),
            before={"confirmed": False}, after={"confirmed": True}, actor=actor, note=note,
        )
    if not newly:
        return 0
    logger.info("Calendar years %s confirmed", newly)
    return _changed(set(newly))


def _changed(years):
    bump_version()
    return recompute_open_deadlines(years)


@transaction.atomic
def add_policy(clock, length, unit, effective_from, actor, *, max_extension=None, legal_source=""):
    """Add a new version of a clock's rule, in force from ``effective_from``.

    Matters whose clock started earlier keep the rule they started under,
    so nothing is recomputed.
    """
    _require(actor, "workdays.add_deadlinepolicy")
    previous = DeadlinePolicy.objects.filter(clock=clock, effective_from__lte=effective_from).order_by(
        "-effective_from", "-id"
    ).first()
    policy = DeadlinePolicy.objects.create(
        clock=clock, length=length, unit=unit, max_extension=max_extension,
        legal_source=legal_source, effective_from=effective_from, created_by=actor,
    )
    CalendarChange.objects.create(
        kind=CalendarChange.Kind.POLICY, target=clock,
        before=_policy_state(previous) if previous else None, after=_policy_state(policy), actor=actor,
    )
    bump_version()
    logger.info("Deadline policy %s added for clock %s", policy.pk, clock)
    return policy


def _policy_state(policy):
    return {
        "length": policy.length, "unit": policy.unit, "max_extension": policy.max_extension,
        "effective_from": policy.effective_from.isoformat(),
    }


@transaction.atomic
def ensure_default_policies():
    """Create the default policy of every clock that has none; returns how many were created."""
    from workdays.deadlines import DEFAULT_POLICIES, POLICIES_EFFECTIVE_FROM

    created = 0
    for clock, default in DEFAULT_POLICIES.items():
        if DeadlinePolicy.objects.filter(clock=clock).exists():
            continue
        add_policy(
            clock.value, default.length, default.unit, POLICIES_EFFECTIVE_FROM, None,
            max_extension=default.max_extension, legal_source=default.legal_source,
        )
        created += 1
    return created
