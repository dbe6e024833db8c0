from django.urls import reverse


def test_home_speaks_chinese_by_default(client):
    response = client.get(reverse("core:home"))

    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "人民法院网上申诉信访平台" in html
    assert "提交申诉或信访" in html
    assert "查询进度" in html
    assert "法院工作人员登录" in html


def test_home_links_to_filing_progress_and_login(client):
    html = client.get(reverse("core:home")).content.decode()

    assert f'href="{reverse("core:file_start")}"' in html
    assert f'href="{reverse("core:progress_start")}"' in html
    assert reverse("accounts:login") in html


def test_home_in_english_when_asked(client):
    client.cookies["django_language"] = "en"

    html = client.get(reverse("core:home")).content.decode()

    assert "People&#x27;s Court Online Petition and Appeal Platform" in html
    assert "File an appeal or petition" in html


def test_home_sends_security_headers(client):
    response = client.get(reverse("core:home"))

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_filing_start_asks_anonymous_user_to_log_in(client):
    response = client.get(reverse("core:file_start"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_favicon_ico_redirects_to_svg(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
