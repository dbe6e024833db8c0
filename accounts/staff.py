"""Court staff accounts. Administrators create them; there is no self sign-up for staff."""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import StaffMembership

logger = logging.getLogger(__name__)


@transaction.atomic
def add_staff_member(
    username, *, court, roles, department=None, password=None, first_name="", last_name="", is_staff=False
):
    """Create or update the staff user ``username`` with a membership at ``court``; return the user.

    ``password`` is set only when the user is new, so a re-run keeps a
    password the person changed. ``is_staff`` grants the Django admin.
    """
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "is_staff": is_staff},
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()

    membership = StaffMembership.objects.filter(user=user).first() or StaffMembership(user=user)
    membership.court, membership.department, membership.roles = court, department, list(roles)
    membership.full_clean(exclude=["user"])
    membership.save()
    logger.info("Staff member %s %s at court %s", user.pk, "added" if created else "updated", court.pk)
    return user
