"""The reply letter (答复书) as a PDF.

The letter uses reportlab's built-in CID font STSong-Light, which PDF
readers supply themselves, so Chinese renders without shipping font files.
"""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from workdays.calendar import local_date

from petitions.attachments import CheckedFile, store_attachment
from petitions.models import Attachment, Reply

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

TITLES = {
    Reply.Kind.ANSWER: gettext_lazy("Reply letter"),
    Reply.Kind.GUIDANCE: gettext_lazy("Guidance letter"),
    Reply.Kind.DECLINE: gettext_lazy("Notice of non-acceptance"),
}


def _styles():
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK")
    return {
        "court": ParagraphStyle("court", parent=body, fontSize=18, leading=26, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=TA_CENTER),
        "meta": ParagraphStyle("meta", parent=body, alignment=TA_RIGHT),
        "body": ParagraphStyle("text", parent=body, firstLineIndent=24),
        "plain": body,
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
    }


def render_reply_letter(petition, reply, *, replied_at):
    """Return the reply letter as PDF bytes: court, tracking number, applicant, text and date."""
    styles = _styles()
    court = petition.receiving_court.name
    date_text = _("%(year)s-%(month)02d-%(day)02d") % _date_parts(replied_at)

    story = [
        Paragraph(escape(court), styles["court"]),
        Paragraph(escape(str(TITLES[reply.kind])), styles["title"]),
        Spacer(1, 4 * mm),
        Paragraph(escape(_("Tracking number: %(number)s") % {"number": petition.tracking_number}), styles["meta"]),
        Spacer(1, 6 * mm),
        Paragraph(escape(_("%(name)s:") % {"name": petition.applicant_name}), styles["plain"]),
    ]
    if reply.kind == Reply.Kind.GUIDANCE and reply.competent_body:
        line = _("This matter is handled by %(body)s.") % {"body": reply.competent_body}
        story.append(Paragraph(escape(line), styles["body"]))
    for paragraph in reply.text.splitlines():
        if paragraph.strip():
            story.append(Paragraph(escape(paragraph.strip()), styles["body"]))
    story += [
        Spacer(1, 12 * mm),
        Paragraph(escape(court), styles["right"]),
        Paragraph(escape(date_text), styles["right"]),
    ]

    output = io.BytesIO()
    document = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=25 * mm,
        title=f"{court} {petition.tracking_number}",
    )
    document.build(story)
    return output.getvalue()


def _date_parts(moment):
    day = local_date(moment)
    return {"year": day.year, "month": day.month, "day": day.day}


def store_reply_letter(petition, reply, *, replied_at):
    """Render the letter and store it as the petition's reply document; return the Attachment."""
    content = render_reply_letter(petition, reply, replied_at=replied_at)
    name = _("Reply %(number)s.pdf") % {"number": petition.tracking_number}
    checked = CheckedFile(content, "application/pdf", "pdf")
    return store_attachment(
        petition, name, checked, kind=Attachment.Kind.REPLY_DOCUMENT, uploaded_by=reply.approved_by
    )
