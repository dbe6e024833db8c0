from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self):
        from accounts import access
        from workdays import recompute

        from petitions.deadlines import recompute_open_deadlines
        from petitions.queries import applicant_court_ids

        recompute.register_provider(recompute_open_deadlines)
        access.register_applicant_courts(applicant_court_ids)
