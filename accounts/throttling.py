"""Login throttling: repeated wrong passwords lock the account and the address for a while.

Five failures for one account, or twenty from one IP address, within 15
minutes lock further attempts for 15 minutes. The address limit is higher
because many people share one carrier-grade NAT address. An account is
counted the same whether the person typed its mobile number or its login
name; an unknown name is counted as itself.
"""

import logging
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from accounts.backends import find_user
from accounts.phones import normalise_phone
from accounts.ratelimit import RateLimit

logger = logging.getLogger(__name__)

WINDOW = 15 * 60
LOCK_DURATION = timedelta(minutes=15)
PER_ACCOUNT = RateLimit("login-failures-account", limit=5, window=WINDOW)
PER_IP = RateLimit("login-failures-ip", limit=20, window=WINDOW)


def account_key(identifier):
    user = find_user(identifier)
    if user is not None:
        return f"user:{user.pk}"
    return f"name:{normalise_phone(identifier).lower()}"


def _lock_key(limit, key):
    return f"{limit.cache_key(key)}:locked-until"


def _keys(identifier, ip_address):
    return ((PER_ACCOUNT, account_key(identifier)), (PER_IP, ip_address or "unknown"))


def locked_until(identifier, ip_address):
    """Return when the lock on this account or address ends, or None when neither is locked."""
    now = timezone.now()
    ends = [cache.get(_lock_key(limit, key)) for limit, key in _keys(identifier, ip_address)]
    ends = [end for end in ends if end is not None and end > now]
    return max(ends) if ends else None


def record_login_failure(identifier, ip_address):
    """Count one failed login; when a limit is reached, lock and return the lock's end, else None."""
    lock_end = None
    for limit, key in _keys(identifier, ip_address):
        limit.record(key)
        if limit.retry_after(key):
            lock_end = timezone.now() + LOCK_DURATION
            cache.set(_lock_key(limit, key), lock_end, timeout=int(LOCK_DURATION.total_seconds()))
            limit.reset(key)
            logger.warning("Login locked by %s", limit.name)
    return lock_end


def clear_login_failures(user):
    """Forget the failures and lock of ``user``'s account, after a good login or a password reset."""
    key = f"user:{user.pk}"
    PER_ACCOUNT.reset(key)
    cache.delete(_lock_key(PER_ACCOUNT, key))
