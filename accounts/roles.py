"""Roles a court staff member can hold. One person may hold several."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INTAKE_CLERK = "intake_clerk", _("Intake clerk")
    HANDLER = "handler", _("Handler")
    DEPARTMENT_HEAD = "department_head", _("Department head")
    SUPERVISOR = "supervisor", _("Supervisor")
    ANALYST = "analyst", _("Analyst")
    COURT_ADMIN = "court_admin", _("Court administrator")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


# Roles that work on individual matters and so need the applicants' personal data.
CASEWORK_ROLES = frozenset(
    {
        Role.INTAKE_CLERK,
        Role.HANDLER,
        Role.DEPARTMENT_HEAD,
        Role.SUPERVISOR,
        Role.COURT_ADMIN,
        Role.SYSTEM_ADMIN,
    }
)
