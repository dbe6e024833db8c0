"""The site header on a phone: compact, and the favicon loads."""

import pytest
from django.urls import reverse

from accounts.testing import build_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username, password):
    page.goto(reverse("accounts:login"))
    page.get_by_label("手机号码或用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def line_count(locator):
    """Return how many text lines an element takes, from its height and line height."""
    return locator.evaluate(
        "element => Math.round(element.getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(element).lineHeight))"
    )


@pytest.mark.parametrize("role", ["applicant", "clerk"])
def test_header_on_phone_stays_compact(page, role):
    cast = build_cast()
    user = getattr(cast, role)
    log_in(page, user.phone if role == "applicant" else user.username, cast.password)

    header = page.locator(".site-header")
    brand = page.locator(".brand")
    nav = page.locator(".nav")

    assert line_count(brand) == 1
    assert line_count(nav) <= 2
    assert header.bounding_box()["height"] < 130


def test_favicon_is_served(page):
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)

    page.goto("/")
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    response = page.request.get(icon)

    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert failed == []
