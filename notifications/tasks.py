"""Background delivery of queued text messages for senders other than the outbox."""

import logging

from django.utils import timezone
from django_tasks import task

from notifications.models import Outbox
from notifications.sms import MAX_ATTEMPTS, RETRY_DELAY, deliver

logger = logging.getLogger(__name__)


@task()
def deliver_sms(outbox_id):
    """Send Outbox row ``outbox_id`` if it is still queued, and schedule a retry when it fails."""
    message = Outbox.objects.filter(pk=outbox_id, status=Outbox.Status.QUEUED).first()
    if message is None:
        logger.info("SMS %s is no longer queued, nothing to send", outbox_id)
        return

    if not deliver(message) and message.attempts < MAX_ATTEMPTS:
        deliver_sms.using(run_after=timezone.now() + RETRY_DELAY).enqueue(outbox_id)
