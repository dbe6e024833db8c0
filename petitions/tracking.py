"""Tracking numbers: ``<court code>-<year>-<serial>``, for example ``京01-2026-000123``.

The serial counts per receiving court and calendar year (China Standard
Time) from 000001. A rolled-back submission leaves a gap, which is harmless:
the numbers only need to be unique and readable over the phone.
"""

from django.db import transaction

from petitions.models import TrackingCounter


def format_tracking_number(court_code, year, serial):
    return f"{court_code}-{year}-{serial:06d}"


def next_tracking_number(court, year):
    """Take the next serial for the court and year and return the tracking number.

    Must run inside the transaction that stores the number. The counter row
    stays locked until that transaction ends, so concurrent submissions to
    the same court queue here and never share a number.
    """
    assert transaction.get_connection().in_atomic_block, "next_tracking_number needs a transaction"

    # get_or_create retries the read when two first submissions of a year race to insert.
    TrackingCounter.objects.get_or_create(court=court, year=year)
    counter = TrackingCounter.objects.select_for_update().get(court=court, year=year)

    # The WHERE on the value read makes a lost update impossible even where
    # select_for_update is a no-op (SQLite, which has a single writer anyway).
    updated = TrackingCounter.objects.filter(pk=counter.pk, last_value=counter.last_value).update(
        last_value=counter.last_value + 1
    )
    if updated != 1:
        raise RuntimeError(f"Tracking counter {counter.pk} changed under its row lock.")

    return format_tracking_number(court.code, year, counter.last_value + 1)
