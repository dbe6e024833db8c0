from datetime import date

import pytest
from django.urls import reverse

from workdays import calendar
from workdays.models import CalendarChange, CalendarDay, CalendarYear, DeadlinePolicy
from workdays.recompute import register_provider, unregister_provider

pytestmark = pytest.mark.django_db

SCHEDULE_URL = reverse("admin:workdays_calendaryear_schedule")

# A 2027 schedule in the form the State Council publishes (dates for the test only).
HOLIDAYS_2027 = """2027-01-01 2027-01-03 元旦
2027-02-05 至 2027-02-13 春节
2027-04-05 清明
2027-05-01 2027-05-05 劳动节
2027-06-09 2027-06-11 端午
2027-09-15 2027-09-17 中秋
2027-10-01 2027-10-07 国庆节
"""
ADJUSTED_2027 = """2027-02-14 春节
2027-10-09 国庆节
"""


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def _post(client, action, **overrides):
    data = {"year": "2027", "holidays": HOLIDAYS_2027, "adjusted": ADJUSTED_2027, "note": "国办发明电〔2026〕X号"}
    data.update(overrides)
    data[action] = "1"
    return client.post(SCHEDULE_URL, data)


def test_schedule_preview_shows_working_days_per_month(admin_client, seeded):
    response = _post(admin_client, "preview")

    preview = response.context["preview"]
    february = preview[1]
    # 20 weekdays, 6 of them off (5 and 8-12 Feb), plus Sunday 14 Feb worked.
    assert february["working"] == 15
    # The statutory fallback in force now rests only on New Year's Eve (5 Feb) and 8 Feb.
    assert february["current_working"] == 18
    assert [name for _day, name in february["adjusted"]] == ["春节"]
    assert response.context["totals"]["working"] == sum(row["working"] for row in preview)
    assert "确认" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_schedule_confirm_saves_year_and_recomputes(admin_client, seeded, superuser):
    calls = []

    def provider(years):
        calls.append(set(years))
        return 3

    register_provider(provider)
    try:
        preview = _post(admin_client, "preview")
        digest = preview.context["form"].digest()
        response = _post(admin_client, "confirm", previewed=digest)
    finally:
        unregister_provider(provider)

    assert response.status_code == 302
    year = CalendarYear.objects.get(year=2027)
    assert (year.confirmed, year.source, year.confirmed_by) == (True, "administrator", superuser)
    assert CalendarDay.objects.filter(date__year=2027).count() == 365
    assert calls == [{2027}]
    assert calendar.is_working_day(date(2027, 2, 14)) is True
    assert calendar.is_working_day(date(2027, 2, 12)) is False
    assert calendar.is_confirmed_year(2027) is True
    change = CalendarChange.objects.get(kind="schedule", target="2027")
    assert change.after["adjusted_working_days"] == [["2027-02-14", "春节"], ["2027-10-09", "国庆节"]]


def test_schedule_confirm_without_matching_preview_shows_new_preview(admin_client, seeded):
    response = _post(admin_client, "confirm", previewed="stale")

    assert response.status_code == 200
    assert response.context["preview"] is not None
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("holidays", "2027-02-30 2027-03-01 春节", "第1行：“2027-02-30”不是有效日期"),
        ("holidays", "2027-01-01 元旦\n2027-02-13 2027-02-05 春节", "第2行：结束日期 2027-02-05 早于开始日期 2027-02-13"),
        ("holidays", "2027-01-01 2027-01-03", "第1行：缺少节日名称"),
        ("holidays", "2026-12-31 2027-01-02 元旦", "第1行：2026-12-31 不在 2027 年内"),
        ("holidays", "", "请至少填写一个放假时段"),
        ("adjusted", "2027-02-15 春节", "第1行：2027-02-15 是周一至周五"),
        ("year", "27", "请填写 2000 至 2099 之间的年份"),
    ],
)
def test_schedule_bad_input_names_field_and_keeps_text(admin_client, seeded, field, value, message):
    response = _post(admin_client, "preview", **{field: value})

    content = response.content.decode()
    assert message in content, content
    assert response.context["form"].errors[field]
    assert response.context["preview"] is None
    # What was typed is still there to correct.
    assert "2027-02-14 春节" in content or field == "adjusted"


def test_schedule_overlapping_days_rejected(admin_client, seeded):
    response = _post(admin_client, "preview", adjusted="2027-02-06 春节")

    assert "2027-02-06 同时填为放假日和调休上班日" in response.content.decode()


def test_schedule_view_requires_staff(client, seeded, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="pass-1234-word", is_staff=True)
    client.force_login(user)

    response = client.get(SCHEDULE_URL)

    assert response.status_code == 403


def test_admin_day_change_logs_and_recomputes(admin_client, seeded, superuser):
    day = CalendarDay.objects.get(date=date(2025, 4, 30))
    url = reverse("admin:workdays_calendarday_change", args=[day.pk])

    response = admin_client.post(url, {"kind": "holiday", "holiday_name": "补充假日"})

    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.kind, day.source) == ("holiday", "administrator")
    assert CalendarChange.objects.filter(kind="day", target="2025-04-30", actor=superuser).count() == 1
    assert calendar.is_working_day(date(2025, 4, 30)) is False


def test_admin_policy_add_creates_new_version(admin_client, seeded, superuser):
    url = reverse("admin:workdays_deadlinepolicy_add")

    response = admin_client.post(
        url,
        {
            "clock": "correction",
            "length": "20",
            "unit": "calendar_days",
            "max_extension": "",
            "legal_source": "本院规定",
            "effective_from_0": "2025-07-01",
            "effective_from_1": "00:00:00",
        },
    )

    assert response.status_code == 302
    policy = DeadlinePolicy.objects.get(clock="correction")
    assert (policy.length, policy.created_by) == (20, superuser)
    assert CalendarChange.objects.filter(kind="policy", target="correction").count() == 1


def test_admin_policy_rejects_zero_length(admin_client, seeded):
    url = reverse("admin:workdays_deadlinepolicy_add")

    response = admin_client.post(
        url,
        {"clock": "correction", "length": "0", "unit": "calendar_days", "effective_from_0": "2025-07-01",
         "effective_from_1": "00:00:00"},
    )

    assert "期限至少为 1 天" in response.content.decode()
    assert not DeadlinePolicy.objects.exists()


def test_year_list_links_to_schedule_form(admin_client, seeded):
    response = admin_client.get(reverse("admin:workdays_calendaryear_changelist"))

    content = response.content.decode()
    assert SCHEDULE_URL in content
    assert "录入年度放假安排" in content
    assert "2026" in content
