"""One JSON error format for every API response that is not a success.

Every error reads ``{"error": {"code", "message", "field", "details"}}``:
``code`` is stable for programs, ``message`` is translated for people,
``field`` names the input at fault (or is null), and ``details`` lists
every problem found as ``{"field", "code", "message"}``.

Objects a user may not see and actions a user may not take both answer
404, so the API never reveals that someone else's matter exists.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from accounts.errors import AccountError
from courts.case_numbers import CaseNumberError
from petitions.errors import ConcurrentChange, InvalidTransition, NotAllowed, PetitionError, ValidationFailed

logger = logging.getLogger(__name__)

# AccountError codes that mean "wait and retry" rather than "fix the input".
RATE_LIMIT_CODES = ("sms_rate_limited", "login_locked")


class ApiError(exceptions.APIException):
    """An error raised by the API layer itself, with the fields of the error format."""

    def __init__(self, code, message, *, status_code=status.HTTP_400_BAD_REQUEST, field=None, headers=None):
        super().__init__(detail=str(message), code=code)
        self.status_code = status_code
        self.error_code = code
        self.message = str(message)
        self.field = field
        self.headers = headers or {}


def not_found():
    return ApiError("not_found", _("Not found, or you do not have access to it."), status_code=404)


def error_body(code, message, *, field=None, details=None):
    message = str(message)
    if details is None:
        details = [{"field": field, "code": code, "message": message}]
    return {"error": {"code": code, "message": message, "field": field, "details": details}}


def error_response(code, message, *, status_code, field=None, details=None, headers=None):
    return Response(error_body(code, message, field=field, details=details), status=status_code, headers=headers)


def exception_handler(exc, context):
    """Turn any exception raised by an API view into the JSON error format.

    Unlike DRF's default handler this one does not mark the transaction for
    rollback, so work that a domain function commits on purpose (a wrong SMS
    code counted) stays committed.
    """
    for kind, convert in _CONVERTERS:
        if isinstance(exc, kind):
            return convert(exc)
    logger.exception("Unexpected error in API view %s", context.get("view").__class__.__name__)
    return error_response(
        "server_error", _("Something went wrong on our side. Please try again later."), status_code=500
    )


def _from_api_error(exc):
    return error_response(exc.error_code, exc.message, status_code=exc.status_code, field=exc.field, headers=exc.headers)


def _from_drf_validation(exc):
    details = list(_flatten(exc.detail))
    if not details:
        details = [{"field": None, "code": "invalid", "message": _("The request is invalid.")}]
    first = details[0]
    return error_response(first["code"], first["message"], status_code=400, field=first["field"], details=details)


def _flatten(detail, prefix=None):
    """Yield ``{"field", "code", "message"}`` for every leaf of a DRF error structure."""
    if isinstance(detail, dict):
        for name, value in detail.items():
            if name == "non_field_errors":
                field = prefix
            elif prefix:
                field = f"{prefix}.{name}"
            else:
                field = str(name)
            yield from _flatten(value, field)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            # A list of objects is a nested list field: number its items.
            nested = isinstance(value, dict)
            yield from _flatten(value, f"{prefix}.{index}" if nested and prefix else prefix)
    else:
        yield {"field": prefix, "code": getattr(detail, "code", None) or "invalid", "message": str(detail)}


def _from_django_validation(exc):
    details = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                details.append(_django_detail(field, error))
    else:
        details = [_django_detail(None, error) for error in exc.error_list]
    first = details[0]
    return error_response(first["code"], first["message"], status_code=400, field=first["field"], details=details)


def _django_detail(field, error):
    message = error.message % error.params if error.params else error.message
    return {"field": None if field == "__all__" else field, "code": error.code or "invalid", "message": str(message)}


def _from_validation_failed(exc):
    details = [{"field": field, "code": code, "message": str(message)} for field, message, code in exc.errors]
    return error_response(exc.code, exc.message, status_code=400, field=exc.field, details=details)


def _from_petition_error(exc):
    if isinstance(exc, NotAllowed):
        return _from_api_error(not_found())
    conflict = isinstance(exc, (InvalidTransition, ConcurrentChange))
    return error_response(exc.code, exc.message, status_code=409 if conflict else 400)


def _from_account_error(exc):
    status_code = 429 if exc.code in RATE_LIMIT_CODES else 400
    return error_response(exc.code, exc.message, status_code=status_code, field=exc.field or None)


def _from_case_number_error(exc):
    detail = {"field": "case_number", "code": exc.code, "message": exc.message, "part": exc.part}
    return error_response(exc.code, exc.message, status_code=400, field="case_number", details=[detail])


def _from_not_found(exc):
    return _from_api_error(not_found())


def _from_not_authenticated(exc):
    message = _("Log in first: send the access token in the Authorization header as “Bearer <token>”.")
    return error_response("not_authenticated", message, status_code=401, headers={"WWW-Authenticate": "Bearer"})


def _from_authentication_failed(exc):
    code = exc.get_codes() if isinstance(exc.get_codes(), str) else "authentication_failed"
    return error_response(code, exc.detail, status_code=401, headers={"WWW-Authenticate": "Bearer"})


def _from_throttled(exc):
    seconds = int(exc.wait or 1)
    message = _("Too many requests. Wait %(seconds)s seconds and try again.") % {"seconds": seconds}
    return error_response("throttled", message, status_code=429, headers={"Retry-After": str(seconds)})


def _from_method_not_allowed(exc):
    return error_response("method_not_allowed", _("This method is not allowed here."), status_code=405)


def _from_unsupported_media_type(exc):
    message = _("Send the body as JSON, or as multipart/form-data where files are uploaded.")
    return error_response("unsupported_media_type", message, status_code=415)


def _from_parse_error(exc):
    message = _("The request body could not be read. Check that it is valid JSON or form data.")
    return error_response("parse_error", message, status_code=400)


def _from_not_acceptable(exc):
    return error_response("not_acceptable", _("This resource is available as JSON only."), status_code=406)


def _from_other_api_exception(exc):
    return error_response(exc.default_code, exc.detail, status_code=exc.status_code)


# Checked in order: subclasses before their bases.
_CONVERTERS = (
    (ApiError, _from_api_error),
    (exceptions.ValidationError, _from_drf_validation),
    (DjangoValidationError, _from_django_validation),
    (ValidationFailed, _from_validation_failed),
    (PetitionError, _from_petition_error),
    (AccountError, _from_account_error),
    (CaseNumberError, _from_case_number_error),
    (Http404, _from_not_found),
    (exceptions.NotFound, _from_not_found),
    (PermissionDenied, _from_not_found),
    (exceptions.PermissionDenied, _from_not_found),
    (exceptions.NotAuthenticated, _from_not_authenticated),
    (exceptions.AuthenticationFailed, _from_authentication_failed),
    (exceptions.Throttled, _from_throttled),
    (exceptions.MethodNotAllowed, _from_method_not_allowed),
    (exceptions.UnsupportedMediaType, _from_unsupported_media_type),
    (exceptions.ParseError, _from_parse_error),
    (exceptions.NotAcceptable, _from_not_acceptable),
    (exceptions.APIException, _from_other_api_exception),
)
