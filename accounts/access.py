"""Who may see what. Every view and API endpoint asks this module.

Rules:
- Staff see the matters of their own court; supervisors also see every
  court below theirs (by the court's materialised ``path``).
- Analysts see statistics but no personal data.
- Nobody else sees another court's matters. Objects a user may not see
  answer 404, so their existence is not revealed: use
  ``get_object_or_404_for`` or filter with ``court_filter``.
- Every time a staff member looks at an applicant's personal data,
  ``log_personal_data_access`` writes an audit row.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from accounts.models import PersonalDataAccess, StaffMembership
from accounts.roles import Role
from courts.models import Court

logger = logging.getLogger(__name__)

# Functions ``f(subject_user) -> iterable of court ids`` naming the courts
# that hold a matter of that applicant; see register_applicant_courts.
_applicant_court_sources = []


def staff_membership(user):
    """Return the active user's StaffMembership (with court and department loaded), or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        membership = user.staff_membership
    except StaffMembership.DoesNotExist:
        return None
    return membership


def is_system_admin(user):
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    membership = staff_membership(user)
    return membership is not None and membership.has_role(Role.SYSTEM_ADMIN)


def sees_courts_below(membership):
    return membership.has_role(Role.SUPERVISOR)


def visible_courts(user):
    """Return a Court queryset of the courts whose matters ``user`` may see (empty for non-staff)."""
    membership = staff_membership(user)
    if membership is None:
        return Court.objects.none()
    if sees_courts_below(membership):
        return Court.objects.filter(path__startswith=membership.court.path)
    return Court.objects.filter(pk=membership.court_id)


def visible_court_ids(user):
    """Return the ids of the courts whose matters ``user`` may see, as a subquery-ready queryset."""
    return visible_courts(user).values_list("pk", flat=True)


def court_filter(user, field="receiving_court"):
    """Return a Q that keeps only the rows whose ``field`` (a Court foreign key) ``user`` may see.

    For a supervisor it is a prefix match on the court's path, which follows
    the index on ``Court.path``. For non-staff it matches nothing.
    """
    membership = staff_membership(user)
    if membership is None:
        return Q(pk__in=[])
    if sees_courts_below(membership):
        return Q(**{f"{field}__path__startswith": membership.court.path})
    return Q(**{f"{field}_id": membership.court_id})


def can_see_court(user, court):
    membership = staff_membership(user)
    if membership is None or court is None:
        return False
    if court.pk == membership.court_id:
        return True
    return sees_courts_below(membership) and membership.court.is_above(court)


def can_see_personal_data(user):
    """Return whether ``user`` works on individual matters: False for analysts only and for non-staff."""
    membership = staff_membership(user)
    if membership is not None:
        return membership.does_casework
    return is_system_admin(user)


def require_role(user, *roles):
    """Raise PermissionDenied unless ``user`` is staff with at least one of ``roles``."""
    membership = staff_membership(user)
    if membership is None or not membership.has_any_role(*roles):
        raise PermissionDenied("requires one of the roles: " + ", ".join(roles))
    return membership


def get_object_or_404_for(user, queryset, *, field="receiving_court", **lookup):
    """Fetch one object from ``queryset`` that ``user`` may see by court, or raise Http404.

    ``field`` names the Court foreign key that decides visibility.
    """
    return get_object_or_404(queryset.filter(court_filter(user, field)), **lookup)


def register_applicant_courts(source):
    """Register ``source(subject_user) -> iterable of court ids`` of the courts holding their matters.

    The petitions app registers one, so that staff can open the profile of
    an applicant whose matter is at a court they see.
    """
    if source not in _applicant_court_sources:
        _applicant_court_sources.append(source)


def unregister_applicant_courts(source):
    if source in _applicant_court_sources:
        _applicant_court_sources.remove(source)


def can_see_applicant(staff_user, subject_user):
    """Return whether ``staff_user`` may see ``subject_user``'s personal data.

    System administrators may. Other staff need a casework role and a
    matter of the applicant at a court they see.
    """
    if is_system_admin(staff_user):
        return True
    if not can_see_personal_data(staff_user):
        return False

    court_ids = {court_id for source in _applicant_court_sources for court_id in source(subject_user)}
    if not court_ids:
        return False
    return visible_courts(staff_user).filter(pk__in=court_ids).exists()


def log_personal_data_access(staff_user, subject_user, fields, reason):
    """Write the audit row for ``staff_user`` viewing ``fields`` of ``subject_user``'s data."""
    entry = PersonalDataAccess.objects.create(
        staff_user=staff_user, subject_user=subject_user, fields=list(fields), reason=reason[:200]
    )
    logger.info(
        "Personal data of user %s viewed by user %s (%s)", subject_user.pk, staff_user.pk, reason
    )
    return entry
