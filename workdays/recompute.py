"""Recomputation of stored deadlines after the calendar changes.

Apps that store deadlines register a provider: a function that takes the
set of changed years, recomputes the open deadlines whose period touches
any of them, and returns how many it changed. The calendar services call
recompute_open_deadlines inside the transaction that changed the calendar,
after this process's index has been rebuilt, so providers already see the
new working days.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)

_providers = []


def register_provider(func):
    """Register ``func(years: set[int]) -> int``; usable as a decorator. Registering twice is a no-op."""
    if func not in _providers:
        _providers.append(func)
    return func


def unregister_provider(func):
    if func in _providers:
        _providers.remove(func)


def recompute_open_deadlines(years):
    """Call every provider with ``years`` and return the total number of deadlines changed.

    A provider that raises is logged and skipped, so one broken app does
    not block calendar administration; the others still run.
    """
    years = set(years)
    if not years:
        return 0

    changed = 0
    for provider in list(_providers):
        name = getattr(provider, "__qualname__", repr(provider))
        try:
            # A savepoint keeps the caller's transaction usable if the provider fails.
            with transaction.atomic():
                count = provider(years) or 0
        except Exception:
            logger.exception("Deadline provider %s failed for years %s", name, sorted(years))
            continue
        logger.info("Deadline provider %s changed %s deadlines for years %s", name, count, sorted(years))
        changed += count
    return changed
