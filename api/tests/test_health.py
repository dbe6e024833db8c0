"""The liveness check at /api/health."""

import pytest

from api.tests.conftest import error_of


@pytest.mark.django_db
def test_health_returns_ok_without_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/api/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_health_ignores_invalid_token(client, django_assert_num_queries):
    # Load balancers send no token; a stale one from a client must not turn the check into a 401.
    with django_assert_num_queries(0):
        response = client.get("/api/health", HTTP_AUTHORIZATION="Bearer not-a-token")

    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_health_rejects_post_in_error_format(client):
    response = client.post("/api/health")

    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
