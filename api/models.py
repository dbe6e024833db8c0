"""Tokens of mobile and partner clients, the stored responses of idempotent writes, resumable uploads."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """One access or refresh token. Only the SHA-256 of the token is stored.

    Tokens issued by one login share a ``family``: refreshing rotates the
    family's tokens, and logging out revokes the whole family.
    """

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access token")
        REFRESH = "refresh", _("Refresh token")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    family = models.UUIDField(_("login"), db_index=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = [models.Index(fields=["user", "kind"], name="apitoken_user_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class IdempotencyRecord(models.Model):
    """The response to a write sent with an ``Idempotency-Key`` header, replayed on a retry.

    ``fingerprint`` is a hash of the request body, so the same key with a
    different body is rejected instead of replaying an unrelated response.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    key = models.CharField(_("idempotency key"), max_length=64)
    endpoint = models.CharField(_("endpoint"), max_length=200)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(_("status code"))
    body = models.JSONField(_("response body"), null=True, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotent request")
        verbose_name_plural = _("idempotent requests")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_unique_user_key")
        ]

    def __str__(self):
        return f"{self.endpoint} {self.key}"


class UploadSession(models.Model):
    """A file sent in chunks over a weak connection, resumable at the last byte received.

    The bytes received so far sit in a temporary file named after the
    session's id (see ``api.uploads.partial_path``). A completed file is
    checked and attached at once, or, for the answer to a correction notice,
    kept until the answer is sent.
    """

    class Status(models.TextChoices):
        RECEIVING = "receiving", _("Receiving")
        COMPLETE = "complete", _("Complete, waiting for the answer")
        ATTACHED = "attached", _("Attached")
        REJECTED = "rejected", _("Rejected")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("petition"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # An attachment kind, or "supplement" for a file of the answer to a correction notice.
    purpose = models.CharField(_("purpose"), max_length=24)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    offset = models.PositiveBigIntegerField(_("bytes received"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVING)
    error_code = models.CharField(_("error code"), max_length=40, blank=True)
    error_message = models.TextField(_("error message"), blank=True)
    attachment = models.ForeignKey(
        "petitions.Attachment",
        verbose_name=_("attachment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("resumable upload")
        verbose_name_plural = _("resumable uploads")
        indexes = [models.Index(fields=["petition", "status"], name="uploadsession_petition_status")]

    def __str__(self):
        return f"{self.original_name} {self.offset}/{self.size}"
