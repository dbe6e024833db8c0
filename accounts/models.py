"""People who use the platform: applicants, agents and court staff."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. Applicants sign in with their mobile number; staff with a username.

    The mobile number is stored as 11 digits and is unique when present.
    """

    phone = models.CharField(_("mobile number"), max_length=11, null=True, blank=True, unique=True)
    phone_confirmed_at = models.DateTimeField(_("mobile number confirmed at"), null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username
