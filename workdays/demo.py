"""Seed the working-day calendar and the default deadline policies (idempotent)."""

from workdays.services import ensure_default_policies, sync_from_package


def load(stdout):
    report = sync_from_package()
    created = ensure_default_policies()
    stdout.write(
        f"Calendar: {report.days_added} days added, {len(report.days_changed)} changed; "
        f"{created} default deadline policies created."
    )
    return []
