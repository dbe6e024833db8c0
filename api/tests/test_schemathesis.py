"""Property-based run of every operation of the served schema (schemathesis against the WSGI app).

Each operation gets up to 10 generated requests, sent with an applicant's
access token (a clerk's for the staff operations). Every response must be
documented, match its schema and never be a 500.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.tokens import issue_tokens
from config.wsgi import application
from petitions.tests import helpers as lifecycle

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@schemathesis.serializer("application/offset+octet-stream")
def raw_chunk(context, value):
    """Send a generated chunk of a resumable upload as its raw bytes."""
    value = getattr(value, "data", value)
    return value if isinstance(value, bytes) else str(value).encode()


# Loaded when the module is collected; the schema view reads no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def test_connection_kept():
    """Keep the test's database connection open across WSGI requests, as Django's test client does.

    The WSGI handler closes connections at the end of each request, which would
    end the test transaction on PostgreSQL.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(cast, test_connection_kept):
    # One matter per state, so that generated ids near 1 reach real objects.
    lifecycle.draft(cast)
    lifecycle.received(cast)
    lifecycle.replied(cast)
    return {"applicant": issue_tokens(cast.applicant).access_token, "clerk": issue_tokens(cast.clerk).access_token}


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    # The same examples every run, so a failure in CI reproduces locally.
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_operation_conforms_to_schema(case, tokens):
    token = tokens["clerk"] if "/staff/" in case.path else tokens["applicant"]

    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
