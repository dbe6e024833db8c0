"""``Authorization: Bearer <access token>`` for DRF views."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from api import tokens


def token_messages():
    return {
        "token_invalid": _("The access token is not valid. Log in again."),
        "token_expired": _("The access token has expired. Get a new one with the refresh token."),
        "token_revoked": _("The access token was revoked by logging out. Log in again."),
        "token_reused": _("This refresh token was already used, so the login was ended. Log in again."),
    }


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates by an access token from ``api.tokens``; ``request.auth`` is the token row."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        scheme, _space, raw = header.partition(" ")
        if scheme.lower() != self.keyword.lower() or not raw.strip():
            message = _("Send the access token as “Authorization: Bearer <token>”.")
            raise exceptions.AuthenticationFailed(message, code="token_invalid")
        try:
            return tokens.user_for_access_token(raw.strip())
        except tokens.TokenError as error:
            raise exceptions.AuthenticationFailed(token_messages()[error.code], code=error.code) from None

    def authenticate_header(self, request):
        # Makes DRF answer 401 (with this challenge) instead of 403 to anonymous requests.
        return self.keyword
