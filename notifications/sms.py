"""Text messages through a pluggable sender.

``settings.SMS_SENDER`` names a class whose ``send(phone, text)`` delivers
one message and raises on failure. Every message is first written to the
``Outbox`` table. The default ``OutboxSender`` only logs, so a message is
"sent" as soon as it is in the outbox and an operator reads it in the
admin. Any other sender runs in a background task with retries.
"""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.phones import mask_phone
from notifications.models import Outbox

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_DELAY = timedelta(minutes=2)
# Verification codes, phone and ID numbers are all runs of six or more digits.
LONG_DIGITS_RE = re.compile(r"(?<!\d)\d{6,}[\dX]?(?!\d)")


class OutboxSender:
    """Development and demo sender: writes the message to the log and leaves it in the outbox.

    The log copy hides the number's middle digits and every run of six or
    more digits in the text (codes, phone and ID numbers); the outbox keeps
    the whole text for the operator.
    """

    delivers_in_outbox = True

    def send(self, phone, text):
        logger.info("SMS to %s: %s", mask_phone(phone), redact_digits(text))


def redact_digits(text):
    return LONG_DIGITS_RE.sub(lambda match: "*" * len(match.group()), text)


def get_sender():
    return import_string(settings.SMS_SENDER)()


def send_sms(phone, text, *, purpose):
    """Queue ``text`` for ``phone`` in the outbox and deliver it; return the Outbox row.

    With the outbox sender the row is marked sent at once. Other senders
    deliver after the surrounding transaction commits, in a background task.
    """
    message = Outbox.objects.create(
        channel=Outbox.Channel.SMS, recipient=phone, text=text, purpose=purpose
    )
    sender = get_sender()
    if getattr(sender, "delivers_in_outbox", False):
        deliver(message, sender)
    else:
        # Imported here because the task module imports this one.
        from notifications.tasks import deliver_sms

        transaction.on_commit(lambda: deliver_sms.enqueue(message.pk))
    return message


def deliver(message, sender=None):
    """Send one queued Outbox row with ``sender``; return True when it was sent.

    A failure is stored on the row and logged. The row stays queued while
    attempts remain and becomes failed after ``MAX_ATTEMPTS``.
    """
    sender = sender or get_sender()
    message.attempts += 1
    try:
        sender.send(message.recipient, message.text)
    except Exception as error:  # any gateway error: keep the message and retry later
        message.last_error = f"{type(error).__name__}: {error}"[:500]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = Outbox.Status.FAILED
        message.save(update_fields=["attempts", "last_error", "status"])
        logger.warning(
            "SMS %s failed on attempt %s: %s", message.pk, message.attempts, type(error).__name__
        )
        return False

    message.status = Outbox.Status.SENT
    message.sent_at = timezone.now()
    message.save(update_fields=["attempts", "status", "sent_at"])
    return True
