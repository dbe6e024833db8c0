"""Authentication by mobile number or login name, with the same password check as Django's."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from accounts.phones import MOBILE_RE, normalise_phone


def find_user(identifier):
    """Return the user whose mobile number or login name is ``identifier``, or None."""
    if not identifier:
        return None
    users = get_user_model().objects
    phone = normalise_phone(identifier)
    if MOBILE_RE.match(phone):
        user = users.filter(phone=phone).first()
        if user is not None:
            return user
    return users.filter(username=identifier.strip()).first()


class PhoneOrUsernameBackend(ModelBackend):
    """Accepts the mobile number (any common spelling) or the login name in the username field."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is None:
            return None
        user = find_user(username or kwargs.get(get_user_model().USERNAME_FIELD))
        if user is None:
            # Hash anyway, so a missing account takes as long as a wrong password.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
