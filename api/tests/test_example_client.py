"""examples/api_client.py files a petition against a live server; court staff finish it through the API."""

import importlib.util
from pathlib import Path

import httpx
import pytest

from accounts.testing import PASSWORD, resident_id, sent_code
from petitions.tests.helpers import pdf_bytes

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "api_client.py"


def load_example():
    spec = importlib.util.spec_from_file_location("api_client_example", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def handle_as_court(example, base_url, cast):
    """Register, accept, reply and approve the first matter in the clerk's queue, all through the API."""
    clerk = example.Client(base_url)
    clerk.log_in(cast.clerk.username, PASSWORD)
    pk = clerk.request("GET", "/staff/queue")["results"][0]["id"]
    actions = f"/staff/petitions/{pk}/actions"

    clerk.request("POST", f"{actions}/receive")
    clerk.request("POST", f"{actions}/accept", json={"department": cast.department.pk, "handler": cast.handler.pk})
    handler = example.Client(base_url)
    handler.log_in(cast.handler.username, PASSWORD)
    handler.request("POST", f"{actions}/draft_reply", json={"text": "经复查，原判决认定事实清楚。"})
    handler.request("POST", f"{actions}/submit_reply")
    head = example.Client(base_url)
    head.log_in(cast.head.username, PASSWORD)
    head.request("POST", f"{actions}/approve_reply")
    return pk


# The live server handles requests in several threads, and SQLite's shared
# in-memory test database locks tables under concurrent writes. So the
# applicant and the court take turns instead of running side by side.
@pytest.mark.django_db(transaction=True)
def test_example_client_files_and_follows_to_reply(live_server, cast, tmp_path, capsys):
    example = load_example()
    pdf = tmp_path / "judgment.pdf"
    pdf.write_bytes(pdf_bytes("judgment"))
    arguments = [
        "--base-url", live_server.url,
        "--phone", "13900000007",
        "--password", "example-password-2024",
        "--real-name", "陈七",
        "--id-number", resident_id("110105", "19700101", "007"),
        "--address", "北京市东城区1号",
        "--pdf", str(pdf),
        "--poll-timeout", "0",
    ]

    exit_code = example.main(arguments, code_provider=sent_code)
    output = capsys.readouterr().out
    pk = handle_as_court(example, live_server.url, cast)
    applicant = example.Client(live_server.url)
    applicant.log_in("13900000007", "example-password-2024")
    replied = example.follow(applicant, pk, until={"replied"}, interval=0.1, timeout=10)
    rating = applicant.request("POST", f"/petitions/{pk}/rating", json={"level": "satisfied"})

    assert exit_code == 0
    assert "Submitted: 京01-" in output
    assert output.strip().endswith("Status: submitted")
    assert replied["status"] == "replied"
    assert replied["reply"]["document"]["content_type"] == "application/pdf"
    assert rating["level"] == "satisfied"
    assert applicant.request("GET", f"/petitions/{pk}")["status"] == "closed"


@pytest.mark.django_db(transaction=True)
def test_example_client_reports_rejected_request(live_server, cast, tmp_path, capsys):
    example = load_example()
    pdf = tmp_path / "judgment.pdf"
    pdf.write_bytes(pdf_bytes())

    exit_code = example.main(
        ["--base-url", live_server.url, "--phone", cast.applicant.phone, "--password", "x" * 10,
         "--code", "123456", "--real-name", "张三", "--id-number", "1", "--address", "北京", "--pdf", str(pdf)],
    )

    assert exit_code == 1
    assert "phone_registered" in capsys.readouterr().err


def test_client_refreshes_an_expired_access_token():
    calls = []

    def respond(request):
        calls.append((request.url.path, request.headers.get("Authorization")))
        if request.url.path.endswith("/auth/refresh"):
            return httpx.Response(200, json={"access_token": "new", "refresh_token": "r2"})
        if request.headers["Authorization"] == "Bearer old":
            return httpx.Response(401, json={"error": {"code": "token_expired", "message": "", "field": None, "details": []}})
        return httpx.Response(200, json={"id": 1})

    client = load_example().Client("http://127.0.0.1:9", transport=httpx.MockTransport(respond))
    client.tokens = {"access_token": "old", "refresh_token": "r1"}

    assert client.request("GET", "/me") == {"id": 1}
    assert [path for path, _auth in calls] == ["/api/v1/me", "/api/v1/auth/refresh", "/api/v1/me"]
    assert calls[-1][1] == "Bearer new"
