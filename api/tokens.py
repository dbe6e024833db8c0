"""Issue, check, rotate and revoke the Bearer tokens of API clients.

An access token lives 15 minutes and a refresh token 30 days. A refresh
token works once: refreshing revokes every token of the login and issues a
new pair. Presenting a refresh token that was already used revokes the
whole login, because only a copied token is used twice.
"""

import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken

logger = logging.getLogger(__name__)

ACCESS_LIFETIME = timedelta(minutes=15)
REFRESH_LIFETIME = timedelta(days=30)


class TokenError(Exception):
    """A token is unknown, expired, revoked or reused; ``code`` says which."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime
    token_type: str = "Bearer"


def hash_token(raw):
    # Tokens carry 256 random bits, so an unsalted hash cannot be reversed by guessing.
    return hashlib.sha256(raw.encode()).hexdigest()


def _new_token(user, kind, family, lifetime, now):
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        kind=kind,
        token_hash=hash_token(raw),
        family=family,
        expires_at=now + lifetime,
    )
    return raw, now + lifetime


def issue_tokens(user, *, family=None):
    """Create and return an access and refresh token pair for ``user`` (a new login unless ``family``)."""
    now = timezone.now()
    family = family or uuid.uuid4()
    access, access_expires = _new_token(user, ApiToken.Kind.ACCESS, family, ACCESS_LIFETIME, now)
    refresh, refresh_expires = _new_token(user, ApiToken.Kind.REFRESH, family, REFRESH_LIFETIME, now)
    return TokenPair(access, access_expires, refresh, refresh_expires)


def user_for_access_token(raw):
    """Return ``(user, token row)`` for a valid access token, or raise TokenError."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw or ""), kind=ApiToken.Kind.ACCESS)
        .first()
    )
    if token is None:
        raise TokenError("token_invalid")
    if token.revoked_at is not None:
        raise TokenError("token_revoked")
    if token.expires_at <= timezone.now():
        raise TokenError("token_expired")
    if not token.user.is_active:
        raise TokenError("token_invalid")
    return token.user, token


def rotate(raw_refresh):
    """Exchange a refresh token for a new pair in the same login; return ``(user, TokenPair)``.

    Raises TokenError ``token_invalid``, ``token_expired`` or ``token_reused``.
    The row lock makes two concurrent refreshes with one token resolve to one
    winner; the loser sees a revoked token and ends the login.
    """
    with transaction.atomic():
        token = (
            ApiToken.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=hash_token(raw_refresh or ""), kind=ApiToken.Kind.REFRESH)
            .first()
        )
        failure = _refresh_failure(token)
        if failure is None:
            revoke_family(token.family)
            return token.user, issue_tokens(token.user, family=token.family)
        if failure == "token_reused":
            # Committed before the error is raised, so the revocation stays.
            revoke_family(token.family)
            logger.warning("Refresh token reused; login of user %s revoked", token.user_id)
    raise TokenError(failure)


def _refresh_failure(token):
    if token is None or not token.user.is_active:
        return "token_invalid"
    if token.revoked_at is not None:
        return "token_reused"
    if token.expires_at <= timezone.now():
        return "token_expired"
    return None


def revoke_family(family):
    """Revoke every live token of one login; return how many were revoked."""
    live = ApiToken.objects.filter(family=family, revoked_at__isnull=True)
    return live.update(revoked_at=timezone.now())


def delete_expired(before=None):
    """Delete tokens that expired before ``before`` (default: a day ago); return how many."""
    cutoff = before or timezone.now() - timedelta(days=1)
    deleted, _by_model = ApiToken.objects.filter(expires_at__lt=cutoff).delete()
    return deleted
