"""File a petition through the platform's API and follow it, with httpx only.

Usage (against a server you run, for example ``make run``):

    python examples/api_client.py --base-url http://127.0.0.1:8000 \\
        --phone 13912345678 --password 'a-good-password' \\
        --real-name 张三 --id-number 11010519800101001X --address 北京市朝阳区建国路1号 \\
        --pdf judgment.pdf

The script requests a sign-up code by SMS and reads the code from
``--code`` or from the prompt. Then it signs up, completes the real-name profile,
files an appeal, uploads the PDF, submits, and polls the status until the
court replies or ``--poll-timeout`` seconds pass. Every write carries an
Idempotency-Key, so a retried request never files twice.
"""

import argparse
import sys
import time
import uuid

import httpx

CASE_NUMBER = "（2023）京01民终1234号"
FINISHED = {"replied", "closed", "withdrawn", "transferred"}


class ApiError(Exception):
    def __init__(self, response):
        error = response.json().get("error", {})
        super().__init__(f"{response.status_code} {error.get('code')}: {error.get('message')}")
        self.status_code = response.status_code
        self.code = error.get("code")


class Client:
    """A thin API client: Bearer token, refresh on expiry, idempotency keys on writes."""

    def __init__(self, base_url, *, transport=None):
        self.http = httpx.Client(base_url=base_url.rstrip("/") + "/api/v1", timeout=30, transport=transport)
        self.tokens = None

    def request(self, method, path, *, retry=True, **kwargs):
        headers = kwargs.pop("headers", {})
        if self.tokens:
            headers["Authorization"] = f"Bearer {self.tokens['access_token']}"
        if method in ("POST", "PUT", "PATCH"):
            headers.setdefault("Idempotency-Key", uuid.uuid4().hex)
        response = self.http.request(method, path, headers=headers, **kwargs)

        if response.status_code == 401 and retry and self.tokens and response.json()["error"]["code"] == "token_expired":
            self.refresh()
            return self.request(method, path, retry=False, headers=headers, **kwargs)
        if response.status_code >= 400:
            raise ApiError(response)
        return response.json() if response.content else None

    def refresh(self):
        self.tokens = self.request("POST", "/auth/refresh", retry=False, json={"refresh_token": self.tokens["refresh_token"]})

    def sign_up(self, phone, password, code_provider):
        self.request("POST", "/auth/sms-codes", json={"phone": phone, "purpose": "signup"})
        code = code_provider(phone)
        self.tokens = self.request("POST", "/auth/signup", json={"phone": phone, "code": code, "password": password})

    def log_in(self, username, password):
        self.tokens = self.request("POST", "/auth/login", json={"username": username, "password": password})

    def log_out(self):
        self.request("POST", "/auth/logout")
        self.tokens = None


def file_appeal(client, *, profile, pdf_path, case_number=CASE_NUMBER):
    """Complete the profile, file an appeal with the PDF and submit it; return the matter."""
    client.request("PUT", "/me/profile", json=profile)
    parsed = client.request("GET", "/case-numbers/parse", params={"q": case_number})
    court = parsed["suggested_courts"][0]

    draft = client.request(
        "POST",
        "/petitions",
        json={
            "kind": "appeal",
            "case_number": parsed["normalised"],
            "receiving_court": court["id"],
            "request_text": "请求撤销原判决，依法再审。",
            "facts_and_reasons": "原判决认定事实错误，证据不足。",
        },
    )
    with open(pdf_path, "rb") as handle:
        files = {"files": ("判决书.pdf", handle, "application/pdf")}
        client.request("POST", f"/petitions/{draft['id']}/attachments", data={"kind": "judgment"}, files=files)
    return client.request("POST", f"/petitions/{draft['id']}/submit")


def follow(client, petition_id, *, until=FINISHED, interval=5.0, timeout=0.0, report=print):
    """Poll the matter until its status is in ``until`` or ``timeout`` seconds pass; return it."""
    deadline = time.monotonic() + timeout
    last_status = None
    while True:
        matter = client.request("GET", f"/petitions/{petition_id}")
        if matter["status"] != last_status:
            progress = matter["progress"]
            report(f"{matter['tracking_number']}: {progress['status_text']} {progress['next_step']}")
            last_status = matter["status"]
        if matter["status"] in until or time.monotonic() >= deadline:
            return matter
        time.sleep(interval)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--phone", required=True, help="11-digit mobile number for the new account")
    parser.add_argument("--password", required=True)
    parser.add_argument("--code", help="the texted sign-up code; asked for when missing")
    parser.add_argument("--real-name", required=True)
    parser.add_argument("--id-number", required=True, help="18-character resident ID number")
    parser.add_argument("--address", required=True)
    parser.add_argument("--pdf", required=True, help="a PDF of the judgment to upload")
    parser.add_argument("--poll-interval", type=float, default=5.0, help="seconds between status checks")
    parser.add_argument("--poll-timeout", type=float, default=60.0, help="seconds to follow the matter")
    return parser.parse_args(argv)


def main(argv=None, *, code_provider=None, transport=None):
    args = parse_arguments(argv)
    client = Client(args.base_url, transport=transport)
    if code_provider is None:
        code_provider = (lambda phone: args.code) if args.code else (lambda phone: input(f"Code texted to {phone}: "))

    try:
        client.sign_up(args.phone, args.password, code_provider)
        profile = {"real_name": args.real_name, "id_type": "resident_id", "id_number": args.id_number, "address": args.address}
        matter = file_appeal(client, profile=profile, pdf_path=args.pdf)
        print(f"Submitted: {matter['tracking_number']}")
        matter = follow(client, matter["id"], interval=args.poll_interval, timeout=args.poll_timeout)
    except ApiError as error:
        print(f"The server rejected the request: {error}", file=sys.stderr)
        return 1
    print(f"Status: {matter['status']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
