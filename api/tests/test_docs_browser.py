"""Swagger UI at /api/docs/ works under the site's Content Security Policy, without exceptions."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_docs_page_renders_operations_without_csp_violations(page, live_server):
    messages = []
    page.on("console", lambda message: messages.append(message.text))

    response = page.goto("/api/docs/")
    page.locator(".opblock").first.wait_for()

    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert page.locator(".opblock").count() >= 40
    assert page.get_by_text("/api/v1/petitions", exact=True).first.is_visible()
    assert [text for text in messages if "Content Security Policy" in text] == []
