"""The overdue scan flags each deadline once and notifies the staff responsible."""

import datetime

import time_machine
from django.core.management import call_command

from notifications.models import Notice
from petitions import services
from petitions.models import Event
from petitions.overdue import scan_overdue
from petitions.tests import helpers

CST = datetime.timezone(datetime.timedelta(hours=8))
START = datetime.datetime(2024, 3, 5, 10, 0, tzinfo=CST)


def _day_after(due):
    return datetime.datetime.combine(due, datetime.time(9, 0), tzinfo=CST) + datetime.timedelta(days=1)


def test_receipt_overdue_notifies_clerks_once(cast, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False):
        petition = helpers.submitted(cast)

    with time_machine.travel(datetime.datetime.combine(petition.receipt_due, datetime.time(18, 0), tzinfo=CST)):
        assert scan_overdue() == 0

    with time_machine.travel(_day_after(petition.receipt_due), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert scan_overdue() == 1
            assert scan_overdue() == 0

    petition.refresh_from_db()
    assert petition.receipt_overdue_at is not None
    assert Notice.objects.filter(recipient=cast.clerk, petition_id=petition.pk).count() == 1
    assert not Notice.objects.filter(recipient=cast.other_clerk).exists()
    assert Event.objects.filter(petition=petition, action="overdue_receipt", actor=None).count() == 1


def test_handling_overdue_notifies_handler_and_head(cast, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False):
        petition = helpers.accepted(cast)

    with time_machine.travel(_day_after(petition.handling_due), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("scan_overdue")

    recipients = set(Notice.objects.filter(petition_id=petition.pk).values_list("recipient__username", flat=True))
    assert recipients == {"cast_handler", "cast_head"}


def test_matter_received_in_time_not_flagged(cast):
    with time_machine.travel(START, tick=False):
        petition = helpers.submitted(cast)
        services.receive(cast.clerk, petition)

    with time_machine.travel(_day_after(petition.receipt_due), tick=False):
        assert scan_overdue() == 0


def test_flag_is_claimed_by_one_worker(cast):
    with time_machine.travel(START, tick=False):
        petition = helpers.submitted(cast)

    # A second worker that read the same candidate finds the flag already set.
    from petitions.overdue import RULES, _flag

    with time_machine.travel(_day_after(petition.receipt_due), tick=False):
        today = _day_after(petition.receipt_due).date()
        assert _flag(RULES[0], petition.pk, today) is True
        assert _flag(RULES[0], petition.pk, today) is False
