"""How the case file names days, dates and who acted, and how notices write dates."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from notifications.models import Notice
from petitions import services
from petitions.models import Event
from petitions.tests import helpers

CST = datetime.timezone(datetime.timedelta(hours=8))
# A Friday: the two-working-day receipt clock ends on Tuesday 12 March.
FRIDAY = datetime.datetime(2024, 3, 8, 10, 0, tzinfo=CST)


def case_file(client, user, petition):
    client.force_login(user)
    return client.get(reverse("petitions:case_file", args=[petition.pk])).content.decode()


def test_receipt_clock_counts_working_days(client, cast):
    with time_machine.travel(FRIDAY, tick=False):
        petition = helpers.submitted(cast)
        html = case_file(client, cast.clerk, petition)

    assert petition.receipt_due == datetime.date(2024, 3, 12)
    assert "剩余2个工作日" in html
    assert "剩余4天" not in html


def test_acceptance_clock_counts_calendar_days(client, cast):
    with time_machine.travel(FRIDAY, tick=False):
        petition = helpers.received(cast)
        html = case_file(client, cast.clerk, petition)

    assert petition.acceptance_due == datetime.date(2024, 3, 25)
    assert "剩余17天" in html
    assert "剩余17个工作日" not in html


def test_overdue_receipt_shows_calendar_days_late(client, cast):
    with time_machine.travel(FRIDAY, tick=False):
        petition = helpers.submitted(cast)
    with time_machine.travel(FRIDAY + datetime.timedelta(days=7), tick=False):
        html = case_file(client, cast.clerk, petition)

    assert "已超期3天" in html


def test_provisional_deadline_has_visible_footnote(client, cast):
    # No holiday schedule is known for 2040, so its deadlines are provisional.
    with time_machine.travel(datetime.datetime(2040, 6, 1, 10, 0, tzinfo=CST), tick=False):
        petition = helpers.submitted(cast)
        html = case_file(client, cast.clerk, petition)

    assert petition.deadlines_provisional
    assert "暂定*" in html
    assert "* 暂定：该年度节假日安排尚未公布，期限可能调整" in html


def test_case_file_writes_dates_in_chinese(client, cast):
    with time_machine.travel(FRIDAY, tick=False):
        petition = helpers.submitted(cast)
        html = case_file(client, cast.clerk, petition)

    assert "2024年3月12日" in html
    assert "2024年3月8日 10:00" in html
    assert "2024-03-12" not in html


def test_notices_write_dates_in_chinese(cast, django_capture_on_commit_callbacks):
    with time_machine.travel(FRIDAY, tick=False):
        petition = helpers.received(cast)
        with django_capture_on_commit_callbacks(execute=True):
            services.request_correction(cast.clerk, petition, items=["判决书复印件"])

    event = Event.objects.get(petition=petition, action="correction_requested")
    notice = Notice.objects.filter(recipient=cast.applicant, petition_id=petition.pk).latest("pk")
    assert "2024年3月25日" in event.public_message
    assert "2024年3月25日" in notice.body
    assert "2024-03-25" not in event.public_message + notice.body


def supplied(cast):
    petition = helpers.received(cast)
    services.request_correction(cast.clerk, petition, items=["判决书复印件"])
    petition.refresh_from_db()
    return services.supplement(cast.applicant, petition, text="已补充", files=[helpers.pdf_upload()])


def test_staff_timeline_says_applicant_acted(client, cast):
    petition = supplied(cast)

    html = case_file(client, cast.clerk, petition)

    assert "申请人补正了材料" in html
    assert "申请人提交了事项" in html
    assert "告知申请人：您已补正材料" not in html
    assert "申请人页面显示：您已补正材料" in html


def test_applicant_timeline_names_actions_in_english(client, cast):
    petition = supplied(cast)
    client.force_login(cast.applicant)

    client.cookies["django_language"] = "en"
    html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()

    assert "You supplied materials" in html
    assert "The court asked for more materials" in html


def test_applicant_timeline_names_actions_in_chinese(client, cast):
    petition = supplied(cast)
    client.force_login(cast.applicant)

    html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()

    assert "您补正了材料" in html
    assert "法院要求补正材料" in html


def test_supplement_form_explains_choosing_several_files(client, cast):
    petition = helpers.received(cast)
    services.request_correction(cast.clerk, petition, items=["判决书复印件"])
    client.force_login(cast.applicant)

    html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()

    assert "一次可选择多个文件" in html
    assert "再次选择会替换之前选的文件" in html
