"""Files attached to a petition."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def attachment_storage_name(instance, filename):
    """Return ``petitions/<year>/<petition id>/<uuid>.<ext>``.

    The uploader's file name never reaches the storage: only the extension
    chosen from the detected type (``filename`` here) is kept.
    """
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    year = timezone.localdate().year
    return f"petitions/{year}/{instance.petition_id}/{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        ID_PROOF = "id_proof", _("Proof of identity")
        JUDGMENT = "judgment", _("Judgment or ruling")
        EVIDENCE = "evidence", _("Evidence")
        POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney")
        CORRECTION = "correction", _("Correction material")
        REPLY_DOCUMENT = "reply_document", _("Reply document")
        OTHER = "other", _("Other")

    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("file"), upload_to=attachment_storage_name, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["petition", "created_at", "pk"]

    def __str__(self):
        return self.original_name
