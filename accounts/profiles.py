"""The real-name profile an applicant completes before filing."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.idnumbers import validate_id_number, validate_lawyer_licence
from accounts.models import ApplicantProfile

logger = logging.getLogger(__name__)


def has_complete_profile(user):
    profile = getattr(user, "applicant_profile", None) if user.is_authenticated else None
    return profile is not None and profile.is_complete


@transaction.atomic
def save_profile(
    user, *, real_name, id_type, id_number, address, agent_kind="none", lawyer_licence_number=""
):
    """Validate and store ``user``'s real-name profile; return it.

    Raises ValidationError keyed by field name, with a code for each rule.
    """
    errors = {}
    cleaned = {"real_name": (real_name or "").strip(), "address": (address or "").strip()}
    try:
        cleaned["id_number"] = validate_id_number(id_type, id_number)
    except ValidationError as error:
        errors["id_number"] = error

    if agent_kind == ApplicantProfile.AgentKind.LAWYER:
        try:
            cleaned["lawyer_licence_number"] = validate_lawyer_licence(lawyer_licence_number)
        except ValidationError as error:
            errors["lawyer_licence_number"] = error
    else:
        cleaned["lawyer_licence_number"] = ""

    for field in ("real_name", "address"):
        if not cleaned[field]:
            errors[field] = ValidationError(_("This field is required."), code="required")
    if errors:
        raise ValidationError(errors)

    profile, created = ApplicantProfile.objects.update_or_create(
        user=user, defaults={**cleaned, "id_type": id_type, "agent_kind": agent_kind}
    )
    logger.info("Profile of user %s %s", user.pk, "created" if created else "updated")
    return profile


def profiles_sharing_id_number(profile):
    """Return the other profiles with the same ID type and number, found through the keyed hash."""
    return ApplicantProfile.objects.filter(id_number_hash=profile.id_number_hash).exclude(
        pk=profile.pk
    )
