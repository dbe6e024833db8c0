import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_in_phone_browser_leads_to_login(page):
    page.goto("/")

    assert page.locator("h1").inner_text() == "人民法院网上申诉信访平台"
    page.get_by_role("link", name="提交申诉或信访").click()

    page.wait_for_url("**/accounts/login/**")
    assert page.get_by_role("heading", name="登录").is_visible()


def test_language_switch_to_english_and_back(page):
    page.goto("/")

    page.get_by_role("button", name="English").click()
    assert page.locator("h1").inner_text() == "People's Court Online Petition and Appeal Platform"

    page.get_by_role("button", name="中文").click()
    assert page.locator("h1").inner_text() == "人民法院网上申诉信访平台"
