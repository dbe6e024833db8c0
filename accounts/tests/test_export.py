import json

import pytest
from django.urls import reverse

from accounts import export
from notifications.services import notify

pytestmark = pytest.mark.django_db


def download(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:my_data_download"))
    return response, json.loads(response.content)


def test_download_contains_account_profile_logins_and_notices(client, cast):
    client.post(reverse("accounts:login"), {"username": cast.applicant.phone, "password": cast.password})
    notify(cast.applicant, "已登记", "您的事项已登记。", petition=5, link="/p/5/")
    notify(cast.second_applicant, "别人的通知", "不应出现")

    response, data = download(client, cast.applicant)

    profile = cast.applicant.applicant_profile
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert response["Cache-Control"] == "no-store"
    assert data["account"]["phone"] == cast.applicant.phone
    assert data["applicant_profile"]["id_number"] == profile.id_number
    assert data["applicant_profile"]["real_name"] == "张三"
    assert data["applicant_profile"]["id_type_label"] == "居民身份证"
    assert [record["kind"] for record in data["login_history"]][:1] == ["login"]
    assert [notice["title"] for notice in data["notices"]] == ["已登记"]
    assert data["notices"][0]["petition_id"] == 5
    assert data["staff_membership"] is None


def test_download_is_only_the_own_data(client, cast):
    _response, data = download(client, cast.second_applicant)

    assert data["account"]["phone"] == cast.second_applicant.phone
    assert cast.applicant.applicant_profile.id_number not in json.dumps(data)


def test_registered_exporter_adds_its_part(client, cast):
    export.register_exporter("petitions_test", lambda user: [{"owner": user.pk}])
    try:
        _response, data = download(client, cast.applicant)
    finally:
        export._exporters.pop("petitions_test")

    assert data["petitions_test"] == [{"owner": cast.applicant.pk}]


def test_download_needs_login(client):
    response = client.get(reverse("accounts:my_data_download"))

    assert response["Location"].startswith(reverse("accounts:login"))


def test_my_data_page_links_to_download(client, cast):
    client.force_login(cast.applicant)

    html = client.get(reverse("accounts:my_data")).content.decode()

    assert "下载我的数据" in html
    assert reverse("accounts:my_data_download") in html
