"""The JSON error format for failures outside the domain: methods, bodies, unexpected errors."""

from unittest import mock

from api.tests.conftest import error_of
from api.tests.helpers import CJK


def test_wrong_method_is_405_in_error_format(api, cast):
    response = api(cast.applicant).delete("/api/v1/petitions")

    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_malformed_json_is_400_parse_error(api, cast):
    response = api(cast.applicant).post("/api/v1/petitions", "{not json", content_type="application/json")

    error = error_of(response)
    assert response.status_code == 400
    assert error["code"] == "parse_error"
    assert CJK.search(error["message"])


def test_form_body_on_json_endpoint_is_415(api, cast):
    response = api(cast.applicant).post("/api/v1/petitions", "kind=appeal", content_type="text/plain")

    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"


def test_unexpected_error_is_500_in_error_format(api, cast):
    client = api(cast.applicant)
    client.raise_request_exception = False

    with mock.patch("api.views.auth.unread_count", side_effect=RuntimeError("boom")):
        response = client.get("/api/v1/me")

    error = error_of(response)
    assert response.status_code == 500
    assert error["code"] == "server_error"
    assert "boom" not in error["message"]


def test_english_messages_with_accept_language(api, cast):
    response = api(None).get("/api/v1/courts", HTTP_ACCEPT_LANGUAGE="en")

    assert error_of(response)["message"].startswith("Search text:")
