"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Flags for a root user in a container with no network beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Store uploaded files in a fresh folder per test, on the real file system."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_cache_and_calendar_index(request):
    """Start each database test with an empty cache and a rebuilt calendar index.

    A database flush empties neither the cache table (rate-limit counters)
    nor the in-process working-day index.
    """
    from workdays import index

    uses_database = request.node.get_closest_marker("django_db") or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server", "cast")
    )
    if uses_database:
        request.getfixturevalue("db" if "live_server" not in request.fixturenames else "transactional_db")
        from django.core.cache import cache

        cache.clear()
    index.invalidate()
    yield
    index.invalidate()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Argon2 is deliberately slow; tests that check the production hasher
    # restore settings.PASSWORD_HASHERS themselves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db):
    """Applicants, an agent and court staff at related and unrelated courts (see accounts.testing)."""
    from accounts.testing import build_cast

    return build_cast()


@pytest.fixture(scope="session")
def chromium():
    """Start one headless Chromium for the whole run.

    Without Chromium the browser tests are skipped, unless REQUIRE_BROWSER=1
    (set by CI) turns the missing browser into a failure.
    """
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}; install Debian's chromium package"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)

    # Playwright's sync API runs an event loop in this thread, which makes
    # Django refuse ORM calls from test code unless this flag is set.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, request):
    """A fresh browser tab on the live test server, in a phone-sized Chinese context.

    A failing test leaves a screenshot in test-artifacts/.
    """
    context = chromium.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab

    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
