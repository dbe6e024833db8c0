import pytest
from django.urls import reverse

from notifications.models import Notice
from notifications.services import notify

pytestmark = pytest.mark.django_db


def test_notice_list_shows_own_notices_and_unread_count(client, cast):
    notify(cast.applicant, "补正材料通知", "请补充材料。", sms=False)
    notify(cast.applicant, "已登记", "已登记。", sms=False)
    notify(cast.second_applicant, "别人的通知", "x", sms=False)
    client.force_login(cast.applicant)

    html = client.get(reverse("notifications:list")).content.decode()

    assert "补正材料通知" in html
    assert "已登记" in html
    assert "别人的通知" not in html
    assert "您有2条未读通知。" in html
    assert "2条未读" in html  # header badge from the context processor


def test_opening_a_notice_marks_it_read(client, cast):
    notice = notify(cast.applicant, "已受理", "您的事项已受理。", link="/petitions/3/", sms=False)
    client.force_login(cast.applicant)

    html = client.get(reverse("notifications:detail", args=[notice.pk])).content.decode()

    notice.refresh_from_db()
    assert "您的事项已受理。" in html
    assert 'href="/petitions/3/"' in html
    assert notice.read_at is not None
    assert "条未读" not in html


@pytest.mark.parametrize("member", ["second_applicant", "agent", "clerk", "supervisor", "sysadmin"])
def test_notice_of_another_user_is_404(client, cast, member):
    notice = notify(cast.applicant, "私人通知", "x", sms=False)
    client.force_login(getattr(cast, member))

    response = client.get(reverse("notifications:detail", args=[notice.pk]))

    notice.refresh_from_db()
    assert response.status_code == 404
    assert notice.read_at is None


def test_notice_list_is_paginated(client, cast):
    for index in range(25):
        notify(cast.applicant, f"通知{index:02d}", "x", sms=False)
    client.force_login(cast.applicant)

    first = client.get(reverse("notifications:list")).content.decode()
    second = client.get(reverse("notifications:list") + "?page=2").content.decode()

    assert "通知24" in first
    assert "通知04" not in first
    assert "通知04" in second
    assert "第2页，共2页" in second


def test_mark_all_read(client, cast):
    notify(cast.applicant, "a", "x", sms=False)
    notify(cast.applicant, "b", "x", sms=False)
    other = notify(cast.second_applicant, "c", "x", sms=False)
    client.force_login(cast.applicant)

    response = client.post(reverse("notifications:mark_all_read"), follow=True)

    assert "已将2条通知标为已读。" in response.content.decode()
    assert not Notice.objects.filter(recipient=cast.applicant, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_notices_need_login(client):
    response = client.get(reverse("notifications:list"))

    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("member, allowed", [("sysadmin", True), ("clerk", False), ("head", False)])
def test_outbox_admin_only_for_system_admins(client, cast, member, allowed):
    notify(cast.applicant, "已登记", "x")
    user = getattr(cast, member)
    user.is_staff = True
    user.save()
    client.force_login(user)

    response = client.get(reverse("admin:notifications_outbox_changelist"))

    if allowed:
        assert "138****0001" in response.content.decode()
    else:
        assert response.status_code == 403


def test_system_admin_role_without_superuser_sees_outbox(client, cast):
    from accounts.roles import Role
    from accounts.staff import add_staff_member

    user = add_staff_member("ops", court=cast.court, roles=[Role.SYSTEM_ADMIN], is_staff=True)
    client.force_login(user)

    response = client.get(reverse("admin:notifications_outbox_changelist"))

    assert response.status_code == 200
