"""The outbox in the admin site, as a system administrator reads it."""

import re

from django.urls import reverse

from notifications.models import Outbox

PHONE = "13800138000"


def purpose_cells(client):
    page = client.get(reverse("admin:notifications_outbox_changelist")).content.decode()
    return sorted(re.findall(r'class="field-purpose_label[^"]*">([^<]*)<', page))


def test_outbox_list_shows_purpose_labels(admin_client):
    for purpose in ["signup_code", "password_reset_code", "notice", "agent_filing"]:
        Outbox.objects.create(recipient=PHONE, text="hello", purpose=purpose)

    assert purpose_cells(admin_client) == sorted(["注册验证码", "重置密码验证码", "通知提醒", "代理人代为提交"])


def test_outbox_list_keeps_unknown_purpose_readable(admin_client):
    Outbox.objects.create(recipient=PHONE, text="hello", purpose="survey")

    assert purpose_cells(admin_client) == ["survey"]


def test_outbox_heading_matches_menu_name(admin_client):
    index = admin_client.get(reverse("admin:index")).content.decode()
    changelist = admin_client.get(reverse("admin:notifications_outbox_changelist")).content.decode()

    assert Outbox._meta.verbose_name == Outbox._meta.verbose_name_plural
    assert "发件箱" in index
    assert "外发消息" not in index
    assert "<title>选择发件箱查看" in changelist
    assert "外发消息" not in changelist


def test_outbox_detail_shows_purpose_label(admin_client):
    message = Outbox.objects.create(recipient=PHONE, text="hello", purpose="signup_code")

    page = admin_client.get(reverse("admin:notifications_outbox_change", args=[message.pk])).content.decode()

    assert "注册验证码" in page
    assert "signup_code" not in page
