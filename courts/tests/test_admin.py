import pytest
from django.urls import reverse

from courts.models import Court, Department
from courts.tests.test_registry import registry  # noqa: F401 (module-scoped fixture)


@pytest.fixture
def admin_client_zh(client, django_user_model):
    user = django_user_model.objects.create_superuser("registry-admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


def listed_codes(response):
    return [court.code for court in response.context["cl"].result_list]


@pytest.mark.django_db
def test_court_admin_search_by_code(registry, admin_client_zh):
    response = admin_client_zh.get(reverse("admin:courts_court_changelist"), {"q": "京0105"})

    assert listed_codes(response) == ["京0105"]


@pytest.mark.django_db
def test_court_admin_search_by_code_prefix(registry, admin_client_zh):
    response = admin_client_zh.get(reverse("admin:courts_court_changelist"), {"q": "京01"})
    codes = listed_codes(response)

    assert "京01" in codes
    assert "京0108" in codes
    assert all(code.startswith("京01") for code in codes)


@pytest.mark.django_db
def test_court_admin_search_by_name(registry, admin_client_zh):
    response = admin_client_zh.get(reverse("admin:courts_court_changelist"), {"q": "知识产权法院"})

    assert sorted(listed_codes(response)) == ["京73", "沪73", "琼73", "粤73"]


@pytest.mark.django_db
def test_court_admin_search_by_division_code(registry, admin_client_zh):
    response = admin_client_zh.get(reverse("admin:courts_court_changelist"), {"q": "440304"})

    assert listed_codes(response) == ["粤0304"]


@pytest.mark.django_db
def test_court_admin_filters_by_level_and_province(registry, admin_client_zh):
    response = admin_client_zh.get(
        reverse("admin:courts_court_changelist"), {"level__exact": "intermediate", "province": "京"}
    )

    assert sorted(listed_codes(response)) == ["京01", "京02", "京03", "京04", "京71", "京73", "京74"]


@pytest.mark.django_db
def test_court_admin_list_is_in_chinese(registry, admin_client_zh):
    response = admin_client_zh.get(reverse("admin:courts_court_changelist"), {"q": "京0105"})
    page = response.content.decode()

    assert "法院代字" in page
    assert "上级法院" in page
    assert "北京市第三中级人民法院" in page


@pytest.mark.django_db
def test_court_admin_change_page_shows_departments(registry, admin_client_zh):
    court = Court.objects.get(code="京01")

    response = admin_client_zh.get(reverse("admin:courts_court_change", args=[court.pk]))

    formset = response.context["inline_admin_formsets"][0].formset
    names = {form.instance.name for form in formset.forms}
    assert names == {"诉讼服务中心（信访办）", "立案庭", "审判监督庭", "赔偿委员会办公室", "执行局"}


@pytest.mark.django_db
def test_department_admin_search_by_court_code(registry, admin_client_zh):
    response = admin_client_zh.get(reverse("admin:courts_department_changelist"), {"q": "京0105"})
    departments = response.context["cl"].result_list

    assert {department.court.code for department in departments} == {"京0105"}
    assert {department.kind for department in departments} >= {Department.Kind.CASE_FILING}


@pytest.mark.django_db
def test_department_admin_search_by_court_name(registry, admin_client_zh):
    response = admin_client_zh.get(
        reverse("admin:courts_department_changelist"), {"q": "上海金融法院 执行局"}
    )
    departments = list(response.context["cl"].result_list)

    assert [(d.court.code, d.name) for d in departments] == [("沪74", "执行局")]
