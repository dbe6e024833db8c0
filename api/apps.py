from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("Open API")

    def ready(self):
        # Registers the Bearer token scheme with drf-spectacular.
        from api import schema  # noqa: F401
