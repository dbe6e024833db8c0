"""Stored deadlines follow a change of the holiday calendar."""

import datetime

import time_machine

from petitions.models import Event
from petitions.tests import helpers
from workdays.models import CalendarDay
from workdays.services import change_day

CST = datetime.timezone(datetime.timedelta(hours=8))
# Tuesday; the receipt deadline is two working days later, Thursday 2024-03-07.
START = datetime.datetime(2024, 3, 5, 10, 0, tzinfo=CST)


def test_new_holiday_moves_open_receipt_deadline(cast):
    with time_machine.travel(START, tick=False):
        petition = helpers.submitted(cast)
    assert petition.receipt_due == datetime.date(2024, 3, 7)

    changed = change_day(datetime.date(2024, 3, 6), CalendarDay.Kind.HOLIDAY, "测试假日", None)

    petition.refresh_from_db()
    assert changed >= 1
    assert petition.receipt_due == datetime.date(2024, 3, 8)
    event = Event.objects.get(petition=petition, action="deadlines_recounted")
    assert event.details == {"receipt_due": "2024-03-08"}
    assert event.public_message == ""


def test_calendar_change_in_other_year_leaves_deadline(cast):
    with time_machine.travel(START, tick=False):
        petition = helpers.submitted(cast)

    change_day(datetime.date(2026, 3, 6), CalendarDay.Kind.HOLIDAY, "测试假日", None)

    petition.refresh_from_db()
    assert petition.receipt_due == datetime.date(2024, 3, 7)
    assert not Event.objects.filter(petition=petition, action="deadlines_recounted").exists()


def test_recount_keeps_paused_and_resumed_clock(cast):
    from petitions import services

    with time_machine.travel(START, tick=False):
        petition = helpers.received(cast)
    with time_machine.travel(START + datetime.timedelta(days=5), tick=False):
        services.request_correction(cast.clerk, petition, items="身份证明")
    with time_machine.travel(START + datetime.timedelta(days=17), tick=False):
        services.supplement(cast.applicant, petition, text="已补充")
    assert petition.acceptance_due == datetime.date(2024, 4, 1)

    # 2024-04-01 becomes a rest day: the resumed deadline moves to the next working day.
    change_day(datetime.date(2024, 4, 1), CalendarDay.Kind.HOLIDAY, "测试假日", None)

    petition.refresh_from_db()
    assert petition.acceptance_due == datetime.date(2024, 4, 2)
