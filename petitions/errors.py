"""Errors raised by the petition domain functions.

Every error has a stable ``code`` for programs (API clients, tests) and a
translated ``message`` for people. Views turn ``NotAllowed`` into a 404 so
that a stranger cannot even learn that a matter exists.
"""

from django.utils.translation import gettext_lazy as _


class PetitionError(Exception):
    code = "petition_error"
    default_message = _("The action could not be completed.")

    def __init__(self, message=None, *, code=None):
        self.message = message if message is not None else self.default_message
        if code is not None:
            self.code = code
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)


class InvalidTransition(PetitionError):
    """The action does not apply to the matter in its current state."""

    code = "invalid_transition"
    default_message = _("This action is not possible at the matter's current stage.")


class NotAllowed(PetitionError):
    """The user may not see the matter or may not take this action on it."""

    code = "not_allowed"
    default_message = _("You do not have permission to do this.")


class ConcurrentChange(PetitionError):
    """Someone else changed the matter between reading and writing it."""

    code = "concurrent_change"
    default_message = _(
        "Someone else changed this matter a moment ago. Reload the page and try again."
    )


class ValidationFailed(PetitionError):
    """An input is missing or invalid; ``field`` names the form field it belongs to.

    ``errors`` lists every problem found as (field, message, code) tuples, so a
    form can show them all at once; ``field``, ``message`` and ``code`` are the first.
    """

    code = "invalid"

    def __init__(self, field, message, *, code=None, errors=None):
        self.field = field
        super().__init__(message, code=code)
        self.errors = errors or [(field, self.message, self.code)]

    @classmethod
    def from_list(cls, errors):
        field, message, code = errors[0]
        return cls(field, message, code=code, errors=list(errors))
