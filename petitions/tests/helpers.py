"""Builders that take a petition through its lifecycle with the domain functions."""

import io
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.pdfgen import canvas

from petitions import services
from petitions.models import Attachment, Kind

CASE_NUMBER = "（2023）京01民终1234号"


def pdf_bytes(text="evidence"):
    output = io.BytesIO()
    page = canvas.Canvas(output)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return output.getvalue()


def pdf_upload(name="判决书.pdf", text="evidence"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def draft(cast, actor=None, *, applicant=None, **fields):
    values = {
        "kind": Kind.APPEAL,
        "case_number": CASE_NUMBER,
        "receiving_court": cast.court,
        "request_text": "请求撤销原判决，依法再审。",
        "facts_and_reasons": "原判决认定事实错误，证据不足。",
    }
    values.update(fields)
    return services.save_draft(actor or cast.applicant, applicant=applicant, **values)


def submitted(cast, **fields):
    petition = draft(cast, **fields)
    return services.submit(cast.applicant, petition, idempotency_key=uuid.uuid4().hex)


def submitted_by_agent(cast):
    petition = draft(cast, cast.agent, applicant=cast.applicant)
    services_upload(cast.agent, petition, Attachment.Kind.POWER_OF_ATTORNEY)
    return services.submit(cast.agent, petition)


def services_upload(actor, petition, kind):
    from petitions.attachments import add_attachment

    return add_attachment(actor, petition, pdf_upload("授权委托书.pdf"), kind=kind)


def received(cast, **fields):
    return services.receive(cast.clerk, submitted(cast, **fields))


def accepted(cast, **fields):
    petition = received(cast, **fields)
    return services.accept(cast.clerk, petition, department=cast.department, handler=cast.handler)


def replied(cast, **fields):
    petition = accepted(cast, **fields)
    services.draft_reply(cast.handler, petition, text="经复查，原判决认定事实清楚，适用法律正确。")
    services.submit_reply_for_approval(cast.handler, petition)
    services.approve_reply(cast.head, petition)
    petition.refresh_from_db()
    return petition
