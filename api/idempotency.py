"""Replay of writes retried with the same ``Idempotency-Key`` header.

The first successful response to a key is stored with the user, the
endpoint and a hash of the request. A retry with the same key and request
gets that response again (with ``Idempotency-Replayed: true``) and acts on
nothing; the same key with another request is rejected. Error responses
are not stored, so a client may fix the input and retry with the same key.
"""

import functools
import hashlib
import json
import logging

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework.response import Response

from api.errors import ApiError
from api.models import IdempotencyRecord

logger = logging.getLogger(__name__)

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 64


def idempotent(method):
    """Decorate a view method (post, put, patch, delete) of an authenticated view."""

    @functools.wraps(method)
    def wrapper(view, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if not key:
            return method(view, request, *args, **kwargs)
        _check_key(key)

        endpoint = f"{request.method} {request.path}"[:200]
        fingerprint = request_fingerprint(request)
        stored = IdempotencyRecord.objects.filter(user=request.user, key=key).first()
        if stored is not None:
            return _replay(stored, endpoint, fingerprint)
        return _run_and_store(method, view, request, args, kwargs, key, endpoint, fingerprint)

    return wrapper


def _check_key(key):
    if len(key) > MAX_KEY_LENGTH or not key.isprintable():
        message = _("The Idempotency-Key header must be at most %(max)s printable characters.") % {
            "max": MAX_KEY_LENGTH
        }
        raise ApiError("idempotency_key_invalid", message, field=HEADER)


def request_fingerprint(request):
    """Return a hash of the request's JSON or form data; uploaded files count by name and size."""
    if hasattr(request.data, "lists"):
        data = sorted((name, [_plain(value) for value in values]) for name, values in request.data.lists())
    else:
        data = request.data
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _plain(value):
    if hasattr(value, "read"):
        return ["file", getattr(value, "name", ""), getattr(value, "size", None)]
    return value


def _replay(stored, endpoint, fingerprint):
    if stored.endpoint != endpoint or stored.fingerprint != fingerprint:
        message = _("This Idempotency-Key was already used for a different request. Use a new key.")
        raise ApiError("idempotency_key_reused", message, status_code=422, field=HEADER)
    logger.info("Replayed idempotent response %s", stored.pk)
    return Response(stored.body, status=stored.status_code, headers={"Idempotency-Replayed": "true"})


def _run_and_store(method, view, request, args, kwargs, key, endpoint, fingerprint):
    with transaction.atomic():
        response = method(view, request, *args, **kwargs)
        if not 200 <= response.status_code < 300:
            return response
        try:
            with transaction.atomic():
                IdempotencyRecord.objects.create(
                    user=request.user,
                    key=key,
                    endpoint=endpoint,
                    fingerprint=fingerprint,
                    status_code=response.status_code,
                    body=response.data,
                )
        except IntegrityError:
            # A concurrent request with the same key finished first: undo this one's work.
            transaction.set_rollback(True)
            stored = None
        else:
            return response
    stored = IdempotencyRecord.objects.get(user=request.user, key=key)
    return _replay(stored, endpoint, fingerprint)
