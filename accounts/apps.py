from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Connect the login history receivers and register the built-in export parts.
        from accounts import export, signals  # noqa: F401
