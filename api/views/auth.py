"""Sign-up by SMS code, login, token refresh and logout for mobile clients.

These endpoints ignore the Idempotency-Key header: their responses carry
tokens, which are never stored in plain text. A repeated sign-up answers
``phone_registered`` and a repeated code request meets the SMS rate limit.
"""

import logging

from django.contrib.auth import authenticate, user_logged_in, user_logged_out
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from accounts import registration, throttling, verification
from accounts.access import staff_membership
from accounts.models import PhoneCode
from accounts.phones import mask_phone
from accounts.signals import client_ip
from api import tokens
from api.authentication import token_messages
from api.errors import ApiError
from api.schema import errors
from api.serializers import auth as bodies
from api.views.base import ApiView, PublicView
from notifications.models import unread_count

logger = logging.getLogger(__name__)


def token_response(pair, status_code=status.HTTP_200_OK):
    data = {
        "token_type": pair.token_type,
        "access_token": pair.access_token,
        "access_expires_at": pair.access_expires_at,
        "refresh_token": pair.refresh_token,
        "refresh_expires_at": pair.refresh_expires_at,
    }
    body = bodies.TokenPairSerializer(data).data
    # Tokens must not stay in shared caches.
    return Response(body, status=status_code, headers={"Cache-Control": "no-store"})


def log_in(request, user):
    """Issue a token pair and record the login like a web login (login history, last_login)."""
    pair = tokens.issue_tokens(user)
    user_logged_in.send(sender=user.__class__, request=request._request, user=user)
    throttling.clear_login_failures(user)
    logger.info("User %s logged in through the API", user.pk)
    return pair


@extend_schema(tags=["auth"])
class SmsCodeView(PublicView):
    @extend_schema(
        summary="Text a verification code for sign-up or password reset",
        request=bodies.SmsCodeRequestSerializer,
        responses={202: bodies.SmsCodeSentSerializer, **errors(400, 415, 429)},
    )
    def post(self, request):
        body = bodies.SmsCodeRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        phone = body.validated_data["phone"]
        purpose = body.validated_data["purpose"]

        if purpose == PhoneCode.Purpose.SIGNUP:
            registration.start_signup(phone, ip_address=client_ip(request))
        else:
            registration.start_password_reset(phone, ip_address=client_ip(request))

        seconds = int(verification.CODE_LIFETIME.total_seconds())
        data = {"phone": mask_phone(phone), "purpose": purpose, "expires_in": seconds}
        return Response(bodies.SmsCodeSentSerializer(data).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=["auth"])
class SignupView(PublicView):
    @extend_schema(
        summary="Create an applicant account with the texted code; returns tokens",
        request=bodies.SignupSerializer,
        responses={201: bodies.TokenPairSerializer, **errors(400, 415, 429)},
    )
    def post(self, request):
        body = bodies.SignupSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        user = registration.complete_signup(data["phone"], data["code"], data["password"])
        return token_response(log_in(request, user), status.HTTP_201_CREATED)


@extend_schema(tags=["auth"])
class PasswordResetView(PublicView):
    @extend_schema(
        summary="Set a new password with the texted code",
        request=bodies.SignupSerializer,
        responses={204: OpenApiResponse(description="Password changed."), **errors(400, 415, 429)},
    )
    def post(self, request):
        body = bodies.SignupSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        registration.complete_password_reset(data["phone"], data["code"], data["password"])
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["auth"])
class LoginView(PublicView):
    @extend_schema(
        summary="Log in with mobile number (or staff login name) and password; returns tokens",
        request=bodies.LoginSerializer,
        responses={200: bodies.TokenPairSerializer, **errors(400, 401, 415, 429)},
    )
    def post(self, request):
        body = bodies.LoginSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        identifier = body.validated_data["username"]
        ip_address = client_ip(request)

        until = throttling.locked_until(identifier, ip_address)
        if until is not None:
            raise _locked_error(until)

        user = authenticate(request._request, username=identifier, password=body.validated_data["password"])
        if user is None:
            until = throttling.record_login_failure(identifier, ip_address)
            if until is not None:
                raise _locked_error(until)
            message = _("The mobile number, login name or password is wrong. Check them and try again.")
            raise ApiError("invalid_login", message, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        return token_response(log_in(request, user))


def _locked_error(until):
    seconds = max(1, int((until - timezone.now()).total_seconds()))
    message = _(
        "Too many wrong passwords. For your safety, logging in is paused until %(time)s. "
        "You can also reset the password by SMS."
    ) % {"time": formats.time_format(timezone.localtime(until), "H:i")}
    return ApiError("login_locked", message, status_code=429, headers={"Retry-After": str(seconds)})


@extend_schema(tags=["auth"])
class RefreshView(PublicView):
    @extend_schema(
        summary="Exchange the refresh token for a new token pair (the old refresh token stops working)",
        request=bodies.RefreshSerializer,
        responses={200: bodies.TokenPairSerializer, **errors(400, 401, 415)},
    )
    def post(self, request):
        body = bodies.RefreshSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            _user, pair = tokens.rotate(body.validated_data["refresh_token"])
        except tokens.TokenError as error:
            message = token_messages()[error.code]
            raise ApiError(error.code, message, status_code=401, field="refresh_token") from None
        return token_response(pair)


@extend_schema(tags=["auth"])
class LogoutView(ApiView):
    @extend_schema(
        summary="Log out: revoke the access token and its refresh token",
        request=None,
        responses={204: OpenApiResponse(description="Logged out."), **errors(401)},
    )
    def post(self, request):
        tokens.revoke_family(request.auth.family)
        user_logged_out.send(sender=request.user.__class__, request=request._request, user=request.user)
        logger.info("User %s logged out through the API", request.user.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["auth"])
class MeView(ApiView):
    @extend_schema(summary="The logged-in user", responses={200: bodies.MeSerializer, **errors(401)})
    def get(self, request):
        user = request.user
        profile = getattr(user, "applicant_profile", None)
        data = {
            "id": user.pk,
            "username": user.username,
            "display_name": user.display_name,
            "phone": mask_phone(user.phone) if user.phone else None,
            "profile_complete": profile is not None and profile.is_complete,
            "staff": staff_membership(user),
            "unread_notices": unread_count(user),
        }
        return Response(bodies.MeSerializer(data).data)
