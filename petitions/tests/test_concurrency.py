"""Concurrent writers on PostgreSQL: one wins each race, numbers never repeat."""

import threading

import pytest
from django.db import connection, connections

from accounts.testing import build_cast
from petitions import services
from petitions.errors import ConcurrentChange, InvalidTransition
from petitions.models import Event, Petition, Status
from petitions.tests import helpers

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has a single writer and no row locks, so these races cannot happen there",
    ),
]


def _run_in_threads(count, work):
    """Run ``work(index)`` in ``count`` threads started together; return results or exceptions."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - the test inspects every outcome
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_clerks_receiving_at_once_one_succeeds():
    cast = build_cast()
    from accounts.roles import Role
    from accounts.staff import add_staff_member

    second_clerk = add_staff_member("second_clerk", court=cast.court, roles=[Role.INTAKE_CLERK])
    petition_id = helpers.submitted(cast).pk
    clerks = [cast.clerk, second_clerk]

    results = _run_in_threads(2, lambda i: services.receive(clerks[i], Petition.objects.get(pk=petition_id)))

    successes = [r for r in results if isinstance(r, Petition)]
    failures = [r for r in results if isinstance(r, (ConcurrentChange, InvalidTransition))]
    assert len(successes) == 1
    assert len(failures) == 1
    assert Petition.objects.get(pk=petition_id).status == Status.RECEIVED
    assert Event.objects.filter(petition_id=petition_id, action="received").count() == 1


def test_concurrent_submissions_get_distinct_tracking_numbers():
    cast = build_cast()
    drafts = [helpers.draft(cast).pk for _ in range(8)]

    results = _run_in_threads(
        8, lambda i: services.submit(cast.applicant, Petition.objects.get(pk=drafts[i])).tracking_number
    )

    assert all(isinstance(number, str) for number in results), results
    assert len(set(results)) == 8
    serials = sorted(int(number.rsplit("-", 1)[1]) for number in results)
    assert serials == list(range(1, 9))


def test_concurrent_double_submit_with_same_key_files_once():
    cast = build_cast()
    petition_id = helpers.draft(cast).pk

    results = _run_in_threads(
        2,
        lambda i: services.submit(
            cast.applicant, Petition.objects.get(pk=petition_id), idempotency_key="double-click"
        ),
    )

    assert all(isinstance(result, Petition) for result in results), results
    assert results[0].tracking_number == results[1].tracking_number
    assert Event.objects.filter(petition_id=petition_id, action="submitted").count() == 1
