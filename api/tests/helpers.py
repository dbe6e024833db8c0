"""Builders shared by the API tests."""

import re

from petitions.tests.helpers import CASE_NUMBER, pdf_bytes  # noqa: F401

CJK = re.compile("[\u4e00-\u9fff]")


def draft_body(cast, **overrides):
    body = {
        "kind": "appeal",
        "case_number": CASE_NUMBER,
        "receiving_court": cast.court.pk,
        "request_text": "请求撤销原判决，依法再审。",
        "facts_and_reasons": "原判决认定事实错误，证据不足。",
    }
    body.update(overrides)
    return body
