"""Fixtures shared by every app's tests."""

import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Store uploaded files in a fresh folder per test, on the real file system."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Argon2 is deliberately slow; tests that check the production hasher
    # restore settings.PASSWORD_HASHERS themselves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
