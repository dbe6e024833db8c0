"""Notice text stored as an English message id with its parameters.

A notice stores its text in the language active when it was created, and
beside it this source, so pages can show it again in the reader's language.
"""

import datetime
import logging

from django.utils import formats
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


class NoticeText:
    """A translatable message: an English msgid and its ``%(name)s`` parameters.

    A parameter is text, a date (formatted in the reader's language) or
    another NoticeText. Mark each msgid with ``gettext_noop`` so that
    makemessages extracts it.
    """

    def __init__(self, msgid, **params):
        self.msgid = msgid
        self.params = params

    def __str__(self):
        return self.render()

    def __eq__(self, other):
        return isinstance(other, NoticeText) and (self.msgid, self.params) == (other.msgid, other.params)

    def render(self):
        """Translate the msgid into the active language and fill in the parameters."""
        text = gettext(self.msgid)
        if not self.params:
            return text
        return text % {name: _render_param(value) for name, value in self.params.items()}

    def to_json(self):
        return {"msgid": self.msgid, "params": {name: _encode_param(value) for name, value in self.params.items()}}

    @classmethod
    def from_json(cls, data):
        params = {name: _decode_param(value) for name, value in data.get("params", {}).items()}
        return cls(data["msgid"], **params)


def render_source(source, fallback):
    """Return the stored ``source`` rendered in the active language, or ``fallback`` without one.

    A source whose msgid no longer takes the same parameters falls back to the stored text.
    """
    if not source:
        return fallback
    try:
        return NoticeText.from_json(source).render()
    except (KeyError, TypeError, ValueError) as error:
        logger.warning("Stored notice text %r could not be rendered: %s", source.get("msgid"), error)
        return fallback


def _render_param(value):
    if isinstance(value, NoticeText):
        return value.render()
    if isinstance(value, datetime.date):
        return formats.date_format(value)
    return value


def _encode_param(value):
    if isinstance(value, NoticeText):
        return value.to_json()
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    return str(value)


def _decode_param(value):
    if isinstance(value, dict) and "date" in value:
        return datetime.date.fromisoformat(value["date"])
    if isinstance(value, dict):
        return NoticeText.from_json(value)
    return value
