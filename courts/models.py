"""The people's court registry (法院名录) and court departments."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Court(models.Model):
    class Level(models.TextChoices):
        SUPREME = "supreme", _("Supreme People's Court")
        HIGH = "high", _("High people's court")
        INTERMEDIATE = "intermediate", _("Intermediate people's court")
        BASIC = "basic", _("Basic people's court")

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary court")
        RAILWAY = "railway", _("Railway transport court")
        MARITIME = "maritime", _("Maritime court")
        INTELLECTUAL_PROPERTY = "ip", _("Intellectual property court")
        FINANCIAL = "financial", _("Financial court")
        INTERNET = "internet", _("Internet court")
        FORESTRY = "forestry", _("Forestry court")
        AGRICULTURAL = "agricultural", _("Agricultural reclamation court")
        MINING = "mining", _("Mining area court")
        OTHER_SPECIAL = "other_special", _("Other special court")

    code = models.CharField(
        _("court code"), max_length=16, unique=True, help_text=_("法院代字, for example 京0105")
    )
    name = models.CharField(_("name"), max_length=100, db_index=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ORDINARY)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent court"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    division_code = models.CharField(
        _("administrative division code"), max_length=6, blank=True, db_index=True
    )
    province = models.CharField(_("province abbreviation"), max_length=4, blank=True, db_index=True)
    # Materialised ancestry "/<root id>/…/<own id>/", so "every court below X"
    # is one indexed prefix query instead of a recursive walk.
    path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("Why this court's code or name departs from the usual rule, with the source."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name}（{self.code}）"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._refresh_path()

    def _refresh_path(self):
        parent_path = self.parent.path if self.parent_id else "/"
        new_path = f"{parent_path}{self.pk}/"
        if new_path != self.path:
            Court.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            for child in self.children.all():
                child._refresh_path()

    def descendants(self):
        """Return the courts below this one, not including it."""
        return Court.objects.filter(path__startswith=self.path).exclude(pk=self.pk)

    def is_above(self, other):
        return other.pk != self.pk and other.path.startswith(self.path)


class Department(models.Model):
    class Kind(models.TextChoices):
        PETITION_OFFICE = "petition_office", _("Litigation service centre / petition office")
        CASE_FILING = "case_filing", _("Case filing division")
        TRIAL_SUPERVISION = "trial_supervision", _("Trial supervision division")
        CRIMINAL = "criminal", _("Criminal division")
        CIVIL = "civil", _("Civil division")
        ADMINISTRATIVE = "administrative", _("Administrative division")
        COMPENSATION = "compensation", _("Compensation committee office")
        ENFORCEMENT = "enforcement", _("Enforcement bureau")
        OTHER = "other", _("Other")

    court = models.ForeignKey(
        Court, verbose_name=_("court"), on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["court__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["court", "name"], name="department_unique_name_per_court")
        ]

    def __str__(self):
        return f"{self.court.name} {self.name}"
