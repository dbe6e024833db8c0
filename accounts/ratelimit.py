"""Fixed-window rate limits kept in the Django cache.

Each window stores its own start time in the cached value, so the limit
and the "try again after" time do not depend on how a cache backend
expires keys, and frozen clocks in tests behave like real ones.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` events per ``window`` seconds for each key."""

    name: str
    limit: int
    window: int

    def cache_key(self, key):
        # Hashing keeps phone numbers and addresses out of the cache table.
        digest = hashlib.sha256(str(key).encode()).hexdigest()[:32]
        return f"ratelimit:{self.name}:{digest}"

    def _current(self, key, now):
        value = cache.get(self.cache_key(key))
        if not value or now >= value[0] + self.window:
            return now, 0
        return value

    def retry_after(self, key):
        """Return the seconds until another event is allowed for ``key``, 0 when it is allowed now."""
        now = timezone.now().timestamp()
        started, count = self._current(key, now)
        if count < self.limit:
            return 0
        return max(1, int(started + self.window - now + 0.999))

    def record(self, key):
        now = timezone.now().timestamp()
        started, count = self._current(key, now)
        cache.set(self.cache_key(key), (started, count + 1), timeout=self.window)

    def reset(self, key):
        cache.delete(self.cache_key(key))


def first_blocking(limits_and_keys):
    """Return ``(limit, seconds)`` for the first limit that blocks its key, or ``(None, 0)``."""
    for limit, key in limits_and_keys:
        seconds = limit.retry_after(key)
        if seconds:
            return limit, seconds
    return None, 0
