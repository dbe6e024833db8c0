import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache(db):
    """Start every test with no rate-limit counters or login locks left by another test."""
    cache.clear()
    yield
    cache.clear()
