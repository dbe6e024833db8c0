"""Benchmark the working-day index against a day-by-day loop.

Run from the repository root: .venv/bin/python bench/workdays_bench.py
It uses the database configured for the project (DATABASE_URL or the
SQLite file in var/), copies the chinese-calendar schedules into it if the
calendar is empty, then times one million "add N working days" queries.
"""

import argparse
import os
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from workdays import calendar  # noqa: E402
from workdays.index import REST_KINDS, current_index  # noqa: E402
from workdays.models import CalendarDay  # noqa: E402
from workdays.services import sync_from_package  # noqa: E402

FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2027, 12, 31)
REQUIRED_RATIO = 20


def make_queries(count, seed):
    generator = random.Random(seed)
    span = (LAST_DAY - FIRST_DAY).days
    return [
        (FIRST_DAY + timedelta(days=generator.randint(0, span)), generator.randint(1, 60))
        for _ in range(count)
    ]


def rest_days_set():
    """Return every rest day from 2024 to 2029 in the index (stored or fallback)."""
    index = current_index()
    day, rest = FIRST_DAY, set()
    while day.year < 2030:
        if index.kind_of(day)[0] in REST_KINDS:
            rest.add(day)
        day += timedelta(days=1)
    return rest


def naive_add_working_days(day, n, rest, one_day=timedelta(days=1)):
    counted = 0
    while counted < n:
        day += one_day
        if day not in rest:
            counted += 1
    return day


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=1_000_000)
    parser.add_argument("--naive-sample", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    if not CalendarDay.objects.exists():
        report = sync_from_package()
        print(f"Seeded the calendar from chinese-calendar: {report.days_added} days.")

    print(f"Machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.system()}")
    print(f"Database: {django.db.connection.vendor}")

    queries = make_queries(args.queries, args.seed)
    calendar.add_working_days(FIRST_DAY, 1)  # build the index before timing
    add = calendar.add_working_days

    single, single_seconds = timed(lambda: [add(day, n) for day, n in queries])
    batch, batch_seconds = timed(lambda: calendar.add_working_days_many(queries))

    rest = rest_days_set()
    sample = queries[: args.naive_sample]
    naive, naive_seconds = timed(lambda: [naive_add_working_days(day, n, rest) for day, n in sample])

    mismatches = sum(1 for expected, got in zip(naive, single) if expected != got)
    mismatches += sum(1 for a, b in zip(single, batch) if a != b)

    single_rate = len(queries) / single_seconds
    batch_rate = len(queries) / batch_seconds
    naive_rate = len(sample) / naive_seconds
    print(f"Queries: {len(queries):,} (dates {FIRST_DAY}..{LAST_DAY}, N 1..60); naive sample {len(sample):,}")
    print(f"add_working_days, one call per query: {single_rate:>12,.0f} queries/s  ({single_rate / naive_rate:5.1f}x naive)")
    print(f"add_working_days_many, one batch:     {batch_rate:>12,.0f} queries/s  ({batch_rate / naive_rate:5.1f}x naive)")
    print(f"naive day-by-day loop over rest days: {naive_rate:>12,.0f} queries/s")
    print(f"Mismatches against the naive loop: {mismatches}")

    best_ratio = max(single_rate, batch_rate) / naive_rate
    if mismatches or best_ratio < REQUIRED_RATIO:
        print(f"FAIL: need identical answers and at least {REQUIRED_RATIO}x the naive rate.")
        return 1
    print(f"OK: identical answers, best ratio {best_ratio:.1f}x (required {REQUIRED_RATIO}x).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
