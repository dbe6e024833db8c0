"""Clients for the API tests: one per cast member, each with its own Bearer token."""

import pytest
from rest_framework.test import APIClient

from api.tokens import issue_tokens


def client_for(user):
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_tokens(user).access_token}")
    return client


@pytest.fixture
def api(cast):
    """``api(user)`` returns a client logged in as ``user``; ``api(None)`` an anonymous one."""
    return client_for


def error_of(response):
    """Return the ``error`` object of an error response, checking the format on the way."""
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "field", "details"}
    return error
