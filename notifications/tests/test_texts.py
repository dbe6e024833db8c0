"""Notice text kept as msgid and parameters, shown in the reader's language."""

import datetime

from django.urls import reverse
from django.utils import translation

from notifications.models import Notice
from notifications.services import notify
from notifications.texts import NoticeText, render_source

DUE = datetime.date(2024, 3, 15)


def test_notice_text_round_trips_through_json():
    text = NoticeText("%(title)s: matter %(number)s", title=NoticeText("Reply ready"), number="京01-2024-000001")
    dated = NoticeText("Please rate the reply by %(due)s.", due=DUE)

    assert NoticeText.from_json(text.to_json()) == text
    assert NoticeText.from_json(dated.to_json()) == dated
    assert dated.to_json() == {"msgid": "Please rate the reply by %(due)s.", "params": {"due": {"date": "2024-03-15"}}}


def test_notice_text_renders_in_active_language():
    text = NoticeText("%(title)s: matter %(number)s", title=NoticeText("Matter submitted"), number="京01-2024-000001")

    with translation.override("en"):
        english = text.render()
    with translation.override("zh-hans"):
        chinese = text.render()

    assert english == "Matter submitted: matter 京01-2024-000001"
    assert chinese == "事项已提交：事项编号京01-2024-000001"


def test_render_source_without_source_keeps_stored_text():
    assert render_source(None, "已保存的标题") == "已保存的标题"


def test_render_source_with_missing_param_keeps_stored_text():
    source = {"msgid": "%(title)s: matter %(number)s", "params": {"title": "x"}}

    assert render_source(source, "已保存的标题") == "已保存的标题"


def test_notice_pages_show_source_in_reader_language(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="x")
    title = NoticeText("%(title)s: matter %(number)s", title=NoticeText("Matter submitted"), number="京01-2024-000001")
    with translation.override("en"):
        notice = notify(reader, str(title), "Plain body", sms=False, title_source=title.to_json())
    client.force_login(reader)

    listing = client.get(reverse("notifications:list")).content.decode()
    detail = client.get(reverse("notifications:detail", args=[notice.pk])).content.decode()

    assert notice.title == "Matter submitted: matter 京01-2024-000001"
    assert "事项已提交：事项编号京01-2024-000001" in listing
    assert "Matter submitted" not in listing
    assert "<h1>事项已提交：事项编号京01-2024-000001</h1>" in detail
    assert "Plain body" in detail


def test_old_notice_without_source_shows_stored_text(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="x")
    notice = Notice.objects.create(recipient=reader, title="Matter registered", body="Stored in English")
    client.force_login(reader)

    detail = client.get(reverse("notifications:detail", args=[notice.pk])).content.decode()

    assert "<h1>Matter registered</h1>" in detail
    assert "Stored in English" in detail
