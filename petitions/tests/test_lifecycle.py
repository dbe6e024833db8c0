"""The whole lifecycle through the domain functions, as applicant and staff see it."""

import datetime

import time_machine

from notifications.models import Notice
from petitions import services
from petitions.models import Attachment, Event, Rating, Reply, Status
from petitions.queries import public_timeline, staff_timeline
from petitions.tests.helpers import draft

# A Tuesday in a week with no holidays, 10:00 China Standard Time.
START = datetime.datetime(2024, 3, 5, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def test_lifecycle_happy_path_from_draft_to_closed(cast, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False):
        petition = draft(cast)
        assert petition.status == Status.DRAFT
        assert petition.tracking_number is None
        assert petition.case_year == 2023
        assert petition.case_court_code == "京01"
        assert petition.category == "civil"

        with django_capture_on_commit_callbacks(execute=True):
            services.submit(cast.applicant, petition)
        assert petition.status == Status.SUBMITTED
        assert petition.tracking_number == "京01-2024-000001"
        assert petition.applicant_name == "张三"
        assert petition.applicant_id_masked.startswith("110105")
        assert "19800101" not in petition.applicant_id_masked
        # Two working days after Tuesday: Thursday.
        assert petition.receipt_due == datetime.date(2024, 3, 7)

        services.receive(cast.clerk, petition)
        assert petition.status == Status.RECEIVED
        assert petition.acceptance_due == datetime.date(2024, 3, 20)

        services.accept(cast.clerk, petition, department=cast.department, handler=cast.handler)
        assert petition.status == Status.ACCEPTED
        assert petition.handler == cast.handler
        assert petition.handling_due == datetime.date(2024, 5, 6)

        services.draft_reply(cast.handler, petition, text="经复查，原判决并无不当。")
        services.submit_reply_for_approval(cast.handler, petition)
        with django_capture_on_commit_callbacks(execute=True):
            reply = services.approve_reply(cast.head, petition)

    assert reply.status == Reply.Status.APPROVED
    assert reply.approved_by == cast.head
    assert petition.status == Status.REPLIED
    assert petition.replied_at is not None
    assert petition.rating_due == datetime.date(2024, 4, 5)
    assert petition.review_request_due == datetime.date(2024, 4, 5)
    document = Attachment.objects.get(petition=petition, kind=Attachment.Kind.REPLY_DOCUMENT)
    assert document.content_type == "application/pdf"

    with time_machine.travel(START + datetime.timedelta(days=3), tick=False):
        rating = services.rate(cast.applicant, petition, level=Rating.Level.SATISFIED, comment="谢谢")
    assert rating.level == Rating.Level.SATISFIED
    assert petition.status == Status.CLOSED
    assert petition.closed_at is not None

    actions = list(staff_timeline(petition).values_list("action", flat=True))
    assert actions == [
        "submitted",
        "received",
        "accepted",
        "reply_drafted",
        "reply_submitted",
        "replied",
        "rated",
    ]
    public = list(public_timeline(petition).values_list("action", flat=True))
    assert "reply_drafted" not in public
    assert "replied" in public
    assert Notice.objects.filter(recipient=cast.applicant, petition_id=petition.pk).count() == 2


def test_lifecycle_version_grows_with_each_transition(cast):
    petition = draft(cast)
    versions = [petition.version]
    services.submit(cast.applicant, petition)
    versions.append(petition.version)
    services.receive(cast.clerk, petition)
    versions.append(petition.version)

    assert versions == sorted(set(versions))
    assert Event.objects.filter(petition=petition).count() == 2
