import pytest

from notifications.models import Notice, Outbox, unread_count
from notifications.services import mark_read, notify

pytestmark = pytest.mark.django_db


def test_notify_creates_unread_notice_and_queues_sms(cast):
    notice = notify(cast.applicant, "您的事项已受理", "详见事项页面。", petition=12, link="/petitions/12/")

    message = Outbox.objects.get()
    assert notice.read_at is None
    assert notice.petition_id == 12
    assert unread_count(cast.applicant) == 1
    assert message.recipient == cast.applicant.phone
    assert message.purpose == "notice"
    assert "您的事项已受理" in message.text
    assert "请登录平台查看通知" in message.text
    assert "详见事项页面" not in message.text
    assert message.status == Outbox.Status.SENT


def test_notify_accepts_a_petition_object(cast):
    class Petition:
        pk = 77

    assert notify(cast.applicant, "t", "b", petition=Petition(), sms=False).petition_id == 77


def test_notify_without_confirmed_phone_sends_no_text(cast):
    notify(cast.applicant, "仅站内", "正文", sms=False)
    notify(cast.clerk, "工作人员", "正文")
    cast.second_applicant.phone_confirmed_at = None
    notify(cast.second_applicant, "未验证号码", "正文")

    assert Notice.objects.count() == 3
    assert not Outbox.objects.exists()


@pytest.mark.parametrize("link", ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)"])
def test_notify_rejects_links_off_the_site(cast, link):
    with pytest.raises(ValueError):
        notify(cast.applicant, "t", "b", link=link)
    assert not Notice.objects.exists()


def test_mark_read_keeps_first_reading_time(cast):
    notice = notify(cast.applicant, "t", "b", sms=False)

    first = mark_read(notice).read_at
    again = mark_read(Notice.objects.get(pk=notice.pk)).read_at

    assert first is not None
    assert again == Notice.objects.get(pk=notice.pk).read_at == first
    assert unread_count(cast.applicant) == 0
