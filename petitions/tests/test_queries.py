"""Staff queues and timelines."""

import datetime

import time_machine

from petitions import services
from petitions.queries import approval_queue, handler_queue, intake_queue, public_timeline, staff_timeline
from petitions.tests import helpers

CST = datetime.timezone(datetime.timedelta(hours=8))


def test_intake_queue_overdue_first_then_by_deadline(cast):
    with time_machine.travel(datetime.datetime(2024, 3, 1, 10, tzinfo=CST), tick=False):
        old = helpers.submitted(cast)
    with time_machine.travel(datetime.datetime(2024, 3, 12, 10, tzinfo=CST), tick=False):
        received = helpers.received(cast)
        newer = helpers.submitted(cast)
    helpers.submitted(cast, receiving_court=cast.other_court)

    with time_machine.travel(datetime.datetime(2024, 3, 13, 10, tzinfo=CST), tick=False):
        queue = list(intake_queue(cast.court))

    assert [p.pk for p in queue] == [old.pk, newer.pk, received.pk]
    assert queue[0].overdue == 1
    assert queue[1].overdue == 0


def test_intake_queue_filters(cast):
    submitted = helpers.submitted(cast)
    received = helpers.received(cast)

    assert list(intake_queue(cast.court, {"status": "received"})) == [received]
    assert list(intake_queue(cast.court, {"query": submitted.tracking_number})) == [submitted]
    assert list(intake_queue(cast.court, {"kind": "complaint"})) == []


def test_handler_queue_lists_assigned_matters(cast):
    petition = helpers.accepted(cast)
    helpers.received(cast)

    assert list(handler_queue(cast.handler)) == [petition]
    assert list(handler_queue(cast.clerk)) == []


def test_approval_queue_lists_pending_replies(cast):
    petition = helpers.accepted(cast)
    assert list(approval_queue(cast.head)) == []

    services.draft_reply(cast.handler, petition, text="答复")
    services.submit_reply_for_approval(cast.handler, petition)

    assert list(approval_queue(cast.head)) == [petition]
    assert list(approval_queue(cast.handler)) == []


def test_public_timeline_hides_internal_steps(cast):
    petition = helpers.accepted(cast)
    services.request_correction(cast.handler, petition, items="补充证据")
    services.supplement(cast.applicant, petition, text="见附件说明")
    services.draft_reply(cast.handler, petition, text="答复")

    public = [event.action for event in public_timeline(petition)]
    staff = [event.action for event in staff_timeline(petition)]

    assert "reply_drafted" in staff
    assert "reply_drafted" not in public
    assert public == ["submitted", "received", "accepted", "correction_requested", "correction_supplied"]
