"""Rating, closing after the rating period, and the request for review."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from petitions import services
from petitions.errors import InvalidTransition, ValidationFailed
from petitions.models import Event, Kind, Rating, Status
from petitions.tests import helpers

CST = datetime.timezone(datetime.timedelta(hours=8))
START = datetime.datetime(2024, 3, 5, 10, 0, tzinfo=CST)


@pytest.fixture
def replied(cast):
    with time_machine.travel(START, tick=False):
        return helpers.replied(cast)


def test_rate_once_only(cast, replied):
    with time_machine.travel(START + datetime.timedelta(days=1), tick=False):
        services.rate(cast.applicant, replied, level=Rating.Level.BASICALLY_SATISFIED, comment="尚可")

        with pytest.raises(InvalidTransition) as caught:
            services.rate(cast.applicant, replied, level=Rating.Level.DISSATISFIED)

    assert caught.value.code == "already_rated"
    assert Rating.objects.get(petition=replied).level == Rating.Level.BASICALLY_SATISFIED


def test_rate_on_last_day_of_period(cast, replied):
    last_day = datetime.datetime.combine(replied.rating_due, datetime.time(23, 0), tzinfo=CST)
    with time_machine.travel(last_day, tick=False):
        services.rate(cast.applicant, replied, level=Rating.Level.SATISFIED)

    assert replied.status == Status.CLOSED


def test_rate_after_period_rejected(cast, replied):
    after = datetime.datetime.combine(replied.rating_due, datetime.time(9, 0), tzinfo=CST) + datetime.timedelta(days=1)
    with time_machine.travel(after, tick=False), pytest.raises(InvalidTransition) as caught:
        services.rate(cast.applicant, replied, level=Rating.Level.SATISFIED)

    assert caught.value.code == "rating_period_over"
    assert not Rating.objects.exists()


def test_rate_with_unknown_level_rejected(cast, replied):
    with time_machine.travel(START, tick=False), pytest.raises(ValidationFailed) as caught:
        services.rate(cast.applicant, replied, level="great")

    assert caught.value.field == "level"


def test_close_unrated_after_period(cast, replied):
    before = datetime.datetime.combine(replied.rating_due, datetime.time(12, 0), tzinfo=CST)
    with time_machine.travel(before, tick=False):
        assert services.close_unrated() == 0

    with time_machine.travel(before + datetime.timedelta(days=1), tick=False):
        call_command("close_unrated")

    replied.refresh_from_db()
    assert replied.status == Status.CLOSED
    event = Event.objects.get(petition=replied, action="closed")
    assert event.actor is None
    assert event.public_message


def test_close_during_rating_period_rejected(cast, replied):
    with time_machine.travel(START, tick=False), pytest.raises(InvalidTransition) as caught:
        services.close(None, replied)

    assert caught.value.code == "rating_period_open"


def test_request_review_creates_linked_matter_at_upper_court(cast, replied):
    with time_machine.travel(START + datetime.timedelta(days=10), tick=False):
        services.rate(cast.applicant, replied, level=Rating.Level.DISSATISFIED)
        review = services.request_review(
            cast.applicant, replied, request_text="请求复查。", facts_and_reasons="答复未回应主要诉求。"
        )

    assert review.kind == Kind.REVIEW
    assert review.review_of == replied
    assert review.status == Status.SUBMITTED
    assert review.receiving_court == cast.upper_court
    assert review.tracking_number.startswith("京-")
    assert review.case_number == replied.case_number


def test_request_review_after_period_rejected(cast, replied):
    late = datetime.datetime.combine(replied.review_request_due, datetime.time(9, 0), tzinfo=CST)
    with time_machine.travel(late + datetime.timedelta(days=1), tick=False), pytest.raises(
        InvalidTransition
    ) as caught:
        services.request_review(cast.applicant, replied, request_text="复查", facts_and_reasons="理由")

    assert caught.value.code == "review_period_over"


def test_request_review_once(cast, replied):
    with time_machine.travel(START, tick=False):
        services.request_review(cast.applicant, replied, request_text="复查", facts_and_reasons="理由")
        with pytest.raises(InvalidTransition) as caught:
            services.request_review(cast.applicant, replied, request_text="复查", facts_and_reasons="理由")

    assert caught.value.code == "review_exists"


def test_request_review_retry_with_key_returns_same(cast, replied):
    with time_machine.travel(START, tick=False):
        first = services.request_review(
            cast.applicant, replied, request_text="复查", facts_and_reasons="理由", idempotency_key="r1"
        )
        second = services.request_review(
            cast.applicant, replied, request_text="复查", facts_and_reasons="理由", idempotency_key="r1"
        )

    assert first.pk == second.pk


def test_request_review_needs_reasons(cast, replied):
    with time_machine.travel(START, tick=False), pytest.raises(ValidationFailed) as caught:
        services.request_review(cast.applicant, replied, request_text="复查", facts_and_reasons=" ")

    assert caught.value.field == "facts_and_reasons"


def test_review_accepted_uses_review_answer_clock(cast, replied):
    from accounts.roles import Role
    from accounts.staff import add_staff_member
    from courts.models import Department

    upper_department = Department.objects.create(court=cast.upper_court, name="审判监督庭")
    upper_clerk = add_staff_member("upper_clerk", court=cast.upper_court, roles=[Role.INTAKE_CLERK])
    upper_handler = add_staff_member(
        "upper_handler", court=cast.upper_court, roles=[Role.HANDLER], department=upper_department
    )
    with time_machine.travel(START, tick=False):
        review = services.request_review(cast.applicant, replied, request_text="复查", facts_and_reasons="理由")
        services.receive(upper_clerk, review)
        services.accept(upper_clerk, review, department=upper_department, handler=upper_handler)

    from workdays.deadlines import Clock, compute_deadline

    assert review.handling_due == compute_deadline(Clock.REVIEW_ANSWER, review.accepted_at).due
    assert review.handling_due < compute_deadline(Clock.HANDLING, review.accepted_at).due
