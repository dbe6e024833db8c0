"""The trace of a petition: an append-only, hash-chained list of events.

Each petition has its own chain (sequence 1, 2, 3 … with each event's
``prev_hash`` equal to the previous event's ``hash``). A chain per petition
instead of one global chain means concurrent work on different petitions
never waits for a shared chain head; writes to one petition are already
serialised by the lock on its row.
"""

import hashlib
import json
from datetime import UTC

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# prev_hash of the first event of every chain.
GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a recorded event."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Events are append-only and cannot be updated.")

    def delete(self):
        raise AppendOnlyError("Events are append-only and cannot be deleted.")


class Event(models.Model):
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    sequence = models.PositiveIntegerField(_("sequence"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the system acted, for example the overdue scan."),
    )
    action = models.CharField(_("action"), max_length=40)
    old_status = models.CharField(_("old status"), max_length=24, blank=True)
    new_status = models.CharField(_("new status"), max_length=24, blank=True)
    public_message = models.TextField(_("message to the applicant"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["petition", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "sequence"], name="event_unique_sequence")
        ]

    def __str__(self):
        return f"{self.petition_id}#{self.sequence} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Events are append-only and cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Events are append-only and cannot be deleted.")

    def canonical_content(self):
        """Return the hashed content as canonical JSON (sorted keys, UTC time)."""
        content = {
            "petition": self.petition_id,
            "sequence": self.sequence,
            "actor": self.actor_id,
            "action": self.action,
            "old_status": self.old_status,
            "new_status": self.new_status,
            "public_message": self.public_message,
            "internal_note": self.internal_note,
            "details": self.details,
            "created_at": self.created_at.astimezone(UTC).isoformat(),
            "prev_hash": self.prev_hash,
        }
        return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def compute_hash(self):
        return hashlib.sha256(self.canonical_content().encode()).hexdigest()
