"""The real-name profile an applicant completes before filing, or an agent enters for a client."""

import logging
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.idnumbers import IdType, validate_id_number, validate_lawyer_licence
from accounts.models import ApplicantProfile
from accounts.phones import validate_phone

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


# Agent filing for a client without an account -------------------------


@transaction.atomic
def register_client(agent, *, real_name, id_type, id_number, phone="", address=""):
    """Return the applicant account that ``agent`` files for, creating it when none exists.

    The client is found by the keyed hash of the ID number, and the name
    must match the one on that profile. Otherwise a new account is created
    with no usable password, ``phone`` stored but unconfirmed, and the
    profile entered by the agent, so that the client can claim it later by
    signing up with that number. ``phone`` and ``address`` are required only
    for a new account; an existing account is returned unchanged.

    Raises ValidationError keyed by ``real_name``, ``id_type``, ``id_number``,
    ``phone`` or ``address``, with a code for each rule.
    """
    name, number = _clean_identity(real_name, id_type, id_number)
    id_hash = ApplicantProfile.hash_id_number(id_type, number)
    _reject_own_id(agent, id_hash)

    existing = _client_with_id(id_hash, name)
    if existing is not None:
        logger.info("Agent %s files for existing account %s", agent.pk, existing.pk)
        return existing

    phone, address = _clean_contact(phone, address)
    try:
        with transaction.atomic():
            user = _create_client(agent, name, id_type, number, phone, address)
    except IntegrityError:
        # A concurrent request registered the same client, or someone took the number meanwhile.
        existing = _client_with_id(id_hash, name)
        if existing is None:
            raise ValidationError({"phone": _phone_taken_error(phone)}) from None
        logger.info("Agent %s files for account %s registered concurrently", agent.pk, existing.pk)
        return existing

    logger.info("Agent %s registered client account %s", agent.pk, user.pk)
    return user


def unclaimed_clients():
    """Return the accounts that agents created and that their owners have not yet claimed.

    Such an account has an unconfirmed number and no usable password, so no
    one can log in to it until the owner proves the number by SMS.
    """
    return get_user_model().objects.filter(
        phone_confirmed_at__isnull=True,
        password__startswith=UNUSABLE_PASSWORD_PREFIX,
        applicant_profile__created_by_agent__isnull=False,
    )


def is_unclaimed_client(user):
    return unclaimed_clients().filter(pk=user.pk).exists()


def _clean_identity(real_name, id_type, id_number):
    errors = {}
    name = (real_name or "").strip()
    if not name:
        errors["real_name"] = ValidationError(
            _("Enter the applicant's real name as on the ID card."), code="required"
        )

    number = ""
    if id_type not in IdType.values:
        errors["id_type"] = ValidationError(_("Choose the ID type from the list."), code="invalid_choice")
    elif not (id_number or "").strip():
        errors["id_number"] = ValidationError(
            _("Enter the number of the applicant's identity document."), code="required"
        )
    else:
        try:
            number = validate_id_number(id_type, id_number)
        except ValidationError as error:
            errors["id_number"] = error

    if errors:
        raise ValidationError(errors)
    return name, number


def _reject_own_id(agent, id_hash):
    own = getattr(agent, "applicant_profile", None)
    if own is not None and own.id_number_hash == id_hash:
        message = _("This is your own ID number. To file for yourself, do not file as an agent.")
        raise ValidationError({"id_number": ValidationError(message, code="own_id")})


def _client_with_id(id_hash, name):
    """Return the account whose profile has this ID and name, preferring a claimed one.

    Raises ValidationError ``name_mismatch`` when profiles with this ID
    exist but none of them has this name.
    """
    profiles = list(ApplicantProfile.objects.filter(id_number_hash=id_hash).select_related("user"))
    if not profiles:
        return None
    named = [profile for profile in profiles if profile.real_name == name]
    if not named:
        message = _(
            "The name does not match the one registered with this ID number. "
            "Check both against the applicant's ID card."
        )
        raise ValidationError({"real_name": ValidationError(message, code="name_mismatch")})

    named.sort(key=lambda profile: profile.user.phone_confirmed_at is None)
    return named[0].user


def _clean_contact(phone, address):
    errors = {}
    if not (phone or "").strip():
        message = _(
            "Enter the applicant's mobile number. The applicant has no account here yet, "
            "and the number lets them follow the matter."
        )
        errors["phone"] = ValidationError(message, code="required")
    else:
        try:
            phone = validate_phone(phone)
        except ValidationError as error:
            errors["phone"] = error
    address = (address or "").strip()
    if not address:
        errors["address"] = ValidationError(
            _("Enter the applicant's address, where court letters can reach them."), code="required"
        )
    if "phone" not in errors and get_user_model().objects.filter(phone=phone).exists():
        errors["phone"] = _phone_taken_error(phone)

    if errors:
        raise ValidationError(errors)
    return phone, address


def _phone_taken_error(phone):
    message = _(
        "The mobile number %(phone)s already belongs to another account, registered under a "
        "different ID number. Check the number with the applicant."
    )
    return ValidationError(message, code="phone_taken", params={"phone": phone})


def _create_client(agent, name, id_type, number, phone, address):
    # Without a usable password and a confirmed number no one can log in until the client claims it.
    user = get_user_model().objects.create_user(
        username=f"c{secrets.token_hex(6)}", password=None, phone=phone
    )
    ApplicantProfile.objects.create(
        user=user,
        real_name=name,
        id_type=id_type,
        id_number=number,
        address=address,
        created_by_agent=agent,
        created_by_agent_at=timezone.now(),
    )
    return user
