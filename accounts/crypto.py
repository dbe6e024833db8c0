"""Encryption at rest and keyed hashes for personal data such as ID numbers.

Values are encrypted with Fernet (AES-128-CBC with HMAC-SHA256) under
``settings.FIELD_ENCRYPTION_KEY``. Fernet output differs on every call, so
equality lookups go through ``keyed_hash``: HMAC-SHA256 under a key derived
from the same setting, which finds duplicates without decrypting anything.
"""

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models

HASH_KEY_LABEL = b"accounts.keyed-hash.v1"


def _fernet():
    return Fernet(settings.FIELD_ENCRYPTION_KEY.encode())


def encrypt(plaintext):
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(token):
    """Return the plaintext of ``token``; raises cryptography's InvalidToken under a wrong key."""
    return _fernet().decrypt(token.encode()).decode()


def keyed_hash(value, *, purpose):
    """Return a hex HMAC-SHA256 of ``value`` that only holders of the field key can recompute.

    ``purpose`` separates hash spaces, so the same text hashed for two
    different fields gives two different hashes.
    """
    key = hmac.new(settings.FIELD_ENCRYPTION_KEY.encode(), HASH_KEY_LABEL, hashlib.sha256).digest()
    message = f"{purpose}:{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text field stored as a Fernet token and read back as plaintext.

    Lookups other than ``isnull`` cannot match because every encryption of
    the same text differs; store a ``keyed_hash`` beside it for searching.
    """

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)


__all__ = ["EncryptedTextField", "InvalidToken", "decrypt", "encrypt", "keyed_hash"]
