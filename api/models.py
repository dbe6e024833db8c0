"""Tokens of mobile and partner clients, and the stored responses of idempotent writes."""

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
