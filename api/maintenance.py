"""Deletion of API records that have served their time: tokens, idempotency records, uploads."""

import logging
from datetime import timedelta

from django.utils import timezone

from api import tokens, uploads
from api.models import IdempotencyRecord

logger = logging.getLogger(__name__)

# A client retries a write within minutes or hours; after a day the stored response is no longer replayed.
IDEMPOTENCY_RETENTION = timedelta(hours=24)
# Expired tokens are kept a day, so a client that presents one still gets "token_expired", not "token_invalid".
TOKEN_RETENTION = timedelta(days=1)


def purge_expired(now=None):
    """Delete expired tokens, idempotency records and upload sessions; return the count of each.

    Safe to run on several machines at once, because each step deletes
    only what matches its cutoff and a repeated run finds nothing left.
    """
    now = now or timezone.now()
    idempotency_deleted, _by_model = IdempotencyRecord.objects.filter(
        created_at__lt=now - IDEMPOTENCY_RETENTION
    ).delete()
    counts = {
        "tokens": tokens.delete_expired(before=now - TOKEN_RETENTION),
        "idempotency_records": idempotency_deleted,
        "uploads": uploads.delete_expired(now),
    }
    logger.info(
        "Purged %s tokens, %s idempotency records and %s uploads",
        counts["tokens"],
        counts["idempotency_records"],
        counts["uploads"],
    )
    return counts
