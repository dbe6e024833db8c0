"""The append-only, hash-chained trace and its verification command."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from petitions.events import verify_all_chains
from petitions.models import GENESIS_HASH, AppendOnlyError, Event
from petitions.tests import helpers


def test_chain_links_each_event_to_the_previous(cast):
    petition = helpers.accepted(cast)

    events = list(Event.objects.filter(petition=petition).order_by("sequence"))

    assert [event.sequence for event in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert all(event.hash == event.compute_hash() for event in events)
    assert petition.event_count == 3


def test_chains_are_per_petition(cast):
    first = helpers.submitted(cast)
    second = helpers.submitted(cast)

    assert Event.objects.get(petition=first).sequence == 1
    assert Event.objects.get(petition=second).prev_hash == GENESIS_HASH


def test_event_refuses_update_and_delete(cast):
    event = Event.objects.get(petition=helpers.submitted(cast))

    event.public_message = "篡改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(public_message="篡改")
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()


def test_verify_events_passes_on_intact_chains(cast, capsys):
    helpers.replied(cast)

    call_command("verify_events")

    assert "intact" in capsys.readouterr().out


def test_verify_events_reports_changed_row(cast):
    petition = helpers.accepted(cast)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE petitions_event SET internal_note = %s WHERE petition_id = %s AND sequence = 2",
            ["被改过", petition.pk],
        )

    broken = list(verify_all_chains())

    assert [(b.petition_id, b.sequence, b.problem) for b in broken] == [(petition.pk, 2, "changed")]
    with pytest.raises(CommandError) as caught:
        call_command("verify_events")
    assert caught.value.returncode == 1


@pytest.mark.parametrize(("deleted", "expected_sequence"), [(2, 2), (3, 3), (1, 1)])
def test_verify_events_reports_missing_row(cast, deleted, expected_sequence):
    petition = helpers.accepted(cast)
    helpers.submitted(cast)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM petitions_event WHERE petition_id = %s AND sequence = %s", [petition.pk, deleted]
        )

    broken = list(verify_all_chains())

    assert [(b.petition_id, b.sequence, b.problem) for b in broken] == [
        (petition.pk, expected_sequence, "missing")
    ]


def test_verify_events_reports_rehashed_row(cast):
    # Rewriting a row together with its own hash breaks the link to the next event.
    petition = helpers.accepted(cast)
    event = Event.objects.get(petition=petition, sequence=2)
    event.internal_note = "伪造"
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE petitions_event SET internal_note = %s, hash = %s WHERE id = %s",
            ["伪造", event.compute_hash(), event.pk],
        )

    broken = list(verify_all_chains())

    assert [(b.sequence, b.problem) for b in broken] == [(3, "prev_hash_mismatch")]
