"""The error that account actions raise, with a stable code beside the translated text."""


class AccountError(Exception):
    """An account action was rejected.

    ``code`` is a stable machine-readable string for the API and tests;
    ``message`` is the translated text for people; ``field`` names the form
    field the message belongs next to, or is empty for the whole form.
    """

    def __init__(self, code, message, *, field=""):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __str__(self):
        return str(self.message)
