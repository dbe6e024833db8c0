from django.urls import reverse


def test_admin_login_shows_platform_name(client):
    html = client.get(reverse("admin:login")).content.decode()

    assert "人民法院网上申诉信访平台" in html
    assert "Django 管理" not in html
