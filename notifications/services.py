"""Notify people of what happens to their matters: an in-site notice and optionally a text."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.context_processors import PLATFORM_NAME
from notifications.models import Notice, unread_count
from notifications.sms import send_sms

logger = logging.getLogger(__name__)

__all__ = ["mark_read", "notify", "unread_count"]


@transaction.atomic
def notify(recipient, title, body, *, petition=None, link="", sms=True, title_source=None, body_source=None):
    """Create an unread notice for ``recipient`` and return it.

    ``petition`` is a Petition or its id. With ``sms`` and a confirmed
    mobile number, a short text tells the person to read the notice online;
    the text carries the title only, because texts are not private.
    ``title_source`` and ``body_source`` are ``NoticeText.to_json()`` values
    that let pages show the notice in the reader's language.
    """
    if link and not (link.startswith("/") and not link.startswith("//")):
        raise ValueError("A notice link must be a path on this site, starting with a single /")

    notice = Notice.objects.create(
        recipient=recipient,
        title=title,
        body=body,
        title_source=title_source,
        body_source=body_source,
        link=link,
        petition_id=getattr(petition, "pk", petition),
    )

    if sms and recipient.phone and recipient.phone_confirmed_at:
        text = _("[%(platform)s] %(title)s. Log in to the platform to read the notice.") % {
            "platform": PLATFORM_NAME,
            "title": title,
        }
        send_sms(recipient.phone, text, purpose="notice")

    logger.info("Notice %s created for user %s", notice.pk, recipient.pk)
    return notice


def mark_read(notice):
    """Record that the recipient opened ``notice``; the first opening time is kept."""
    if notice.read_at is None:
        notice.read_at = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=notice.read_at)
    return notice
