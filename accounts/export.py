"""The applicant's personal data download: one JSON document of everything held about them.

Other apps add their part with ``register_exporter(name, func)`` in their
``AppConfig.ready()``; ``func(user)`` returns JSON-serialisable data, and
the download puts it under ``name``.
"""

import logging

from django.utils import timezone

logger = logging.getLogger(__name__)

_exporters = {}


def register_exporter(name, func):
    """Add ``func(user) -> data`` to the download under the key ``name``; re-registering replaces."""
    _exporters[name] = func


def registered_exporters():
    return dict(_exporters)


def collect_personal_data(user):
    """Return the whole download for ``user`` as a dict, built-in parts first."""
    data = {"exported_at": timezone.now().isoformat()}
    for name, func in _exporters.items():
        data[name] = func(user)
    logger.info("Personal data export for user %s with parts %s", user.pk, ", ".join(_exporters))
    return data


def _iso(value):
    return value.isoformat() if value else None


def export_account(user):
    return {
        "username": user.username,
        "phone": user.phone,
        "phone_confirmed_at": _iso(user.phone_confirmed_at),
        "email": user.email,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
    }


def export_profile(user):
    profile = getattr(user, "applicant_profile", None)
    if profile is None:
        return None
    # The full ID number: the data belongs to the person downloading it.
    return {
        "real_name": profile.real_name,
        "id_type": profile.id_type,
        "id_type_label": str(profile.get_id_type_display()),
        "id_number": profile.id_number,
        "address": profile.address,
        "agent_kind": profile.agent_kind,
        "lawyer_licence_number": profile.lawyer_licence_number,
        "created_at": _iso(profile.created_at),
        "updated_at": _iso(profile.updated_at),
    }


def export_login_history(user):
    return [
        {
            "kind": record.kind,
            "time": _iso(record.created_at),
            "ip_address": record.ip_address,
            "browser": record.user_agent,
        }
        for record in user.login_records.order_by("created_at", "pk")
    ]


def export_staff_membership(user):
    membership = getattr(user, "staff_membership", None)
    if membership is None:
        return None
    return {
        "court": membership.court.code,
        "department": membership.department.name if membership.department else None,
        "roles": list(membership.roles),
    }


register_exporter("account", export_account)
register_exporter("applicant_profile", export_profile)
register_exporter("login_history", export_login_history)
register_exporter("staff_membership", export_staff_membership)
