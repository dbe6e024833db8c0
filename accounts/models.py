"""People who use the platform: applicants, agents and court staff."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField, keyed_hash
from accounts.idnumbers import IdType, mask_id_number
from accounts.roles import CASEWORK_ROLES, Role


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

    @property
    def display_name(self):
        """The real name when the profile has one, otherwise the login name."""
        profile = getattr(self, "applicant_profile", None)
        if profile is not None and profile.real_name:
            return profile.real_name
        return str(self)


class ApplicantProfile(models.Model):
    """The real-name data an applicant or agent gives before filing."""

    class AgentKind(models.TextChoices):
        NONE = "none", _("Not an agent")
        LAWYER = "lawyer", _("Lawyer")
        RELATIVE = "relative", _("Relative")
        OTHER = "other", _("Other agent")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="applicant_profile",
    )
    real_name = models.CharField(_("real name"), max_length=50)
    id_type = models.CharField(
        _("ID type"), max_length=20, choices=IdType.choices, default=IdType.RESIDENT_ID
    )
    id_number = EncryptedTextField(_("ID number"))
    # Keyed hash of (type, number): finds other accounts with the same ID without decrypting.
    id_number_hash = models.CharField(max_length=64, db_index=True, editable=False)
    address = models.CharField(_("address"), max_length=200)
    agent_kind = models.CharField(
        _("acting as agent"), max_length=10, choices=AgentKind.choices, default=AgentKind.NONE
    )
    lawyer_licence_number = models.CharField(_("lawyer's licence number"), max_length=17, blank=True)
    # Set when an agent entered the profile for a client without an account (see register_client).
    created_by_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by agent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="client_profiles",
    )
    created_by_agent_at = models.DateTimeField(_("entered by agent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("applicant profile")
        verbose_name_plural = _("applicant profiles")

    def __str__(self):
        return f"{self.real_name} {self.masked_id_number}"

    def save(self, *args, **kwargs):
        self.id_number_hash = self.hash_id_number(self.id_type, self.id_number)
        super().save(*args, **kwargs)

    @staticmethod
    def hash_id_number(id_type, number):
        return keyed_hash(f"{id_type}:{number}", purpose="id_number")

    @property
    def masked_id_number(self):
        return mask_id_number(self.id_number)

    @property
    def is_complete(self):
        return bool(self.real_name and self.id_type and self.id_number and self.address)


class StaffMembership(models.Model):
    """Makes a user a member of a court's staff, with a department and roles."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_membership",
    )
    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="staff"
    )
    department = models.ForeignKey(
        "courts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    roles = models.JSONField(_("roles"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")

    def __str__(self):
        return f"{self.user} @ {self.court.code}"

    def clean(self):
        unknown = sorted(set(self.roles or []) - set(Role.values))
        if unknown:
            error = ValidationError(
                _("Unknown role: %(roles)s."), code="unknown_role", params={"roles": ", ".join(unknown)}
            )
            raise ValidationError({"roles": error})
        if self.department_id and self.court_id and self.department.court_id != self.court_id:
            error = ValidationError(
                _("This department belongs to another court. Choose a department of %(court)s."),
                code="department_of_other_court",
                params={"court": self.court.name},
            )
            raise ValidationError({"department": error})

    def has_role(self, role):
        return role in (self.roles or [])

    def has_any_role(self, *roles):
        return any(role in (self.roles or []) for role in roles)

    @property
    def does_casework(self):
        """Whether any role works on individual matters (all but analyst-only memberships)."""
        return any(role in CASEWORK_ROLES for role in self.roles or [])

    def role_labels(self):
        return [Role(role).label for role in self.roles or [] if role in Role.values]


class PhoneCode(models.Model):
    """A six-digit code sent by SMS to prove control of a mobile number. Only its hash is kept."""

    class Purpose(models.TextChoices):
        SIGNUP = "signup", _("Sign-up")
        PASSWORD_RESET = "password_reset", _("Password reset")

    phone = models.CharField(_("mobile number"), max_length=11)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    code_hash = models.CharField(max_length=100)
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("SMS verification code")
        verbose_name_plural = _("SMS verification codes")
        indexes = [models.Index(fields=["phone", "purpose", "-created_at"], name="phonecode_lookup")]

    def __str__(self):
        return f"{self.get_purpose_display()} {self.created_at:%Y-%m-%d %H:%M}"


class LoginRecord(models.Model):
    """One login, logout or failed password attempt, shown to the user in their data download."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGOUT = "logout", _("Logged out")
        FAILED = "failed", _("Wrong password")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="login_records",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("login record")
        verbose_name_plural = _("login records")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="loginrecord_user_time")]

    def __str__(self):
        return f"{self.user} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class PersonalDataAccess(models.Model):
    """Audit row: a staff member looked at an applicant's personal data."""

    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="personal_data_accesses",
    )
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        on_delete=models.PROTECT,
        related_name="personal_data_viewed_by",
    )
    fields = models.JSONField(_("fields"), default=list)
    reason = models.CharField(_("reason"), max_length=200)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["subject_user", "-created_at"], name="pdaccess_subject_time")
        ]

    def __str__(self):
        return f"{self.staff_user} → {self.subject_user} {self.created_at:%Y-%m-%d %H:%M}"
