import pytest

from workdays import index
from workdays.services import sync_from_package


@pytest.fixture(autouse=True)
def fresh_calendar_index():
    """Start and end each test without an index built from another test's rolled-back data."""
    index.invalidate()
    yield
    index.invalidate()


@pytest.fixture
def seeded(db):
    """The calendar copied from the chinese-calendar package (2004-2026)."""
    return sync_from_package()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("calendar-admin", "admin@example.com", "pass-1234-word")
