"""Writing and verifying the hash-chained trace of each petition."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from petitions.models import GENESIS_HASH, Event, Petition


def record_event(
    petition,
    actor,
    action,
    *,
    old_status="",
    new_status="",
    public_message="",
    internal_note="",
    details=None,
):
    """Append one event to the petition's chain and return it.

    Must run inside a transaction. The petition row is locked first, so two
    transactions never take the same sequence number on PostgreSQL; on SQLite
    the single writer gives the same guarantee.
    """
    assert transaction.get_connection().in_atomic_block, "record_event needs a transaction"
    Petition.objects.select_for_update().filter(pk=petition.pk).values_list("pk").get()

    last = Event.objects.filter(petition=petition).order_by("-sequence").only("sequence", "hash").first()
    event = Event(
        petition=petition,
        sequence=last.sequence + 1 if last else 1,
        actor=actor,
        action=action,
        old_status=old_status,
        new_status=new_status,
        public_message=str(public_message),
        internal_note=str(internal_note),
        details=details or {},
        created_at=timezone.now(),
        prev_hash=last.hash if last else GENESIS_HASH,
    )
    event.hash = event.compute_hash()
    event.save()

    # The count on the petition row reveals a deleted tail, which the chain alone cannot.
    Petition.objects.filter(pk=petition.pk).update(event_count=event.sequence)
    petition.event_count = event.sequence
    return event


@dataclass(frozen=True)
class BrokenLink:
    petition_id: int
    sequence: int
    problem: str
    message: str


def verify_petition_chain(petition_id, event_count):
    """Return the first broken link of one petition's chain, or None when it is intact.

    Detects a changed row (its hash no longer matches its content), a missing
    row (a gap in the sequence, or fewer rows than ``event_count`` recorded on
    the petition) and a row moved from elsewhere (its prev_hash does not match
    the previous row's hash).
    """
    expected_sequence = 1
    expected_prev = GENESIS_HASH
    for event in Event.objects.filter(petition_id=petition_id).order_by("sequence").iterator():
        if event.sequence != expected_sequence:
            return BrokenLink(
                petition_id,
                expected_sequence,
                "missing",
                _("Event %(sequence)s is missing.") % {"sequence": expected_sequence},
            )
        if event.prev_hash != expected_prev:
            return BrokenLink(
                petition_id,
                event.sequence,
                "prev_hash_mismatch",
                _("Event %(sequence)s does not follow the event before it.")
                % {"sequence": event.sequence},
            )
        if event.compute_hash() != event.hash:
            return BrokenLink(
                petition_id,
                event.sequence,
                "changed",
                _("The content of event %(sequence)s was changed after it was recorded.")
                % {"sequence": event.sequence},
            )
        expected_sequence += 1
        expected_prev = event.hash

    if expected_sequence <= event_count:
        return BrokenLink(
            petition_id,
            expected_sequence,
            "missing",
            _("Event %(sequence)s is missing.") % {"sequence": expected_sequence},
        )
    return None


def verify_all_chains():
    """Yield the first broken link of every broken chain, petition by petition."""
    petitions = Petition.objects.filter(event_count__gt=0).order_by("pk")
    for petition_id, event_count in petitions.values_list("pk", "event_count").iterator():
        broken = verify_petition_chain(petition_id, event_count)
        if broken is not None:
            yield broken
