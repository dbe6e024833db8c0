"""Sign-up and password reset of applicants, both proven by an SMS code."""

import logging
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import verification
from accounts.errors import AccountError
from accounts.models import PhoneCode
from accounts.profiles import unclaimed_clients
from accounts.throttling import clear_login_failures

logger = logging.getLogger(__name__)


def phone_is_registered(phone):
    """Return whether ``phone`` belongs to an account its owner controls.

    An account that an agent created for a client is not registered in this
    sense: signing up with its number claims it.
    """
    users = get_user_model().objects.filter(phone=phone)
    return users.exclude(pk__in=unclaimed_clients().values("pk")).exists()


def start_signup(phone, *, ip_address):
    """Text a sign-up code to ``phone``; raises AccountError ``phone_registered`` or a rate limit."""
    if phone_is_registered(phone):
        raise AccountError(
            "phone_registered",
            _("This mobile number already has an account. Log in, or reset the password."),
            field="phone",
        )
    return verification.send_code(phone, PhoneCode.Purpose.SIGNUP, ip_address=ip_address)


def complete_signup(phone, code, password):
    """Check the code and create the applicant's account with a confirmed number; return the user.

    When an agent already created an account for this number, that account
    is claimed instead: it gets the password and the confirmed number and
    keeps its profile and matters. Raises AccountError from
    ``verification.check_code``, or ``phone_registered`` when someone
    registered the number meanwhile.
    """
    row = verification.check_code(phone, PhoneCode.Purpose.SIGNUP, code)
    with transaction.atomic():
        if not verification.use_code(row) or phone_is_registered(phone):
            raise AccountError(
                "phone_registered",
                _("This mobile number already has an account. Log in, or reset the password."),
                field="phone",
            )
        user = claim_client_account(phone, password)
        if user is None:
            user = create_applicant(phone, password)
            logger.info("Applicant %s signed up", user.pk)
    return user


def claim_client_account(phone, password):
    """Give the unclaimed client account of ``phone`` a password and confirm the number.

    Returns the account, or None when no unclaimed account has this number.
    The caller has proven the number by SMS code.
    """
    user = unclaimed_clients().select_for_update().filter(phone=phone).first()
    if user is None:
        return None
    user.set_password(password)
    user.phone_confirmed_at = timezone.now()
    user.save(update_fields=["password", "phone_confirmed_at"])
    logger.info("Client account %s claimed by its owner", user.pk)
    return user


def create_applicant(phone, password, *, confirmed_at=None):
    """Create an applicant account for a confirmed ``phone``; the caller has proven the number.

    The login name is generated: applicants log in with their number.
    """
    return get_user_model().objects.create_user(
        username=f"m{secrets.token_hex(6)}",
        password=password,
        phone=phone,
        phone_confirmed_at=confirmed_at or timezone.now(),
    )


def start_password_reset(phone, *, ip_address):
    """Text a reset code to ``phone``; raises AccountError ``phone_unknown`` or a rate limit."""
    if unclaimed_clients().filter(phone=phone).exists():
        raise AccountError(
            "account_unclaimed",
            _(
                "A matter was filed for you with this number, but the account has no password yet. "
                "Sign up with this number to set one."
            ),
            field="phone",
        )
    if not phone_is_registered(phone):
        raise AccountError(
            "phone_unknown",
            _("No account uses this mobile number. Check the number, or sign up."),
            field="phone",
        )
    return verification.send_code(phone, PhoneCode.Purpose.PASSWORD_RESET, ip_address=ip_address)


def complete_password_reset(phone, code, new_password):
    """Check the code and set ``new_password`` on the account with ``phone``; return the user.

    Also lifts any login lock on the account, since its owner has just
    proven who they are.
    """
    row = verification.check_code(phone, PhoneCode.Purpose.PASSWORD_RESET, code)
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().filter(phone=phone).first()
        if user is None or not verification.use_code(row):
            raise AccountError(
                "code_missing", _("Request a verification code first."), field="code"
            )
        user.set_password(new_password)
        user.save(update_fields=["password"])

    clear_login_failures(user)
    logger.info("Password of user %s reset by SMS code", user.pk)
    return user
