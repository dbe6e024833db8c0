"""The reply letter PDF: valid, one page, with the Chinese text in it."""

import base64
import re
import zlib

from petitions.models import Attachment, Reply
from petitions.tests import helpers


def _page_count(pdf):
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


LITERAL_SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", re.DOTALL)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal):
    """Decode a PDF literal string: backslash escapes and three-digit octal codes."""
    out = bytearray()
    i = 0
    while i < len(literal):
        char = literal[i : i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(), 8) & 0xFF)
            i += 1 + len(octal.group())
        else:
            following = literal[i + 1 : i + 2]
            out += ESCAPES.get(following, following)
            i += 2
    return bytes(out)


def _content_streams(pdf):
    """Yield each stream decoded; reportlab writes them ASCII85 over Flate."""
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\n?endstream", pdf, re.DOTALL):
        try:
            yield zlib.decompress(base64.a85decode(stream.strip().removesuffix(b"~>")))
        except ValueError:
            yield stream


def _shown_text(pdf):
    """Return the text drawn with the CID font (UTF-16BE literal strings shown with Tj)."""
    parts = []
    for content in _content_streams(pdf):
        for literal in LITERAL_SHOWN.findall(content):
            parts.append(_unescape(literal).decode("utf-16-be", "replace"))
    return "".join(parts)


def test_reply_letter_contains_court_number_name_and_text(cast):
    petition = helpers.replied(cast)

    reply = Reply.objects.get(petition=petition)
    document = Attachment.objects.get(petition=petition, kind=Attachment.Kind.REPLY_DOCUMENT)
    with document.file.open("rb") as handle:
        pdf = handle.read()

    assert reply.document == document
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert b"STSong-Light" in pdf
    assert _page_count(pdf) == 1
    text = _shown_text(pdf)
    assert "北京市第一中级人民法院" in text
    assert petition.tracking_number in text
    assert "张三" in text
    assert "原判决认定事实清楚" in text
