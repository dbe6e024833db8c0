"""The stored working-day calendar, the deadline policies and their change log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    PACKAGE = "package", _("chinese-calendar package")
    ADMINISTRATOR = "administrator", _("Administrator")
    FALLBACK = "fallback", _("Statutory holidays only (provisional)")


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        WORKING = "working", _("Working day")
        WEEKEND = "weekend", _("Weekend")
        HOLIDAY = "holiday", _("Public holiday")
        ADJUSTED_WORKING = "adjusted_working", _("Adjusted working day")

    REST_KINDS = frozenset({Kind.WEEKEND, Kind.HOLIDAY})

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    holiday_name = models.CharField(
        _("holiday name"),
        max_length=50,
        blank=True,
        help_text=_("For a holiday or an adjusted working day, the festival it belongs to."),
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date.isoformat()} {self.get_kind_display()}"

    @property
    def is_working(self):
        return self.kind not in self.REST_KINDS


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    confirmed = models.BooleanField(
        _("confirmed"),
        default=False,
        help_text=_("Deadlines through an unconfirmed year are marked provisional."),
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("For example the number and date of the State Council notice."),
    )

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class DeadlinePolicy(models.Model):
    """One version of the rule for a clock; a change adds a row, so older matters keep theirs."""

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", _("Working days")
        CALENDAR_DAYS = "calendar_days", _("Calendar days")

    # Clock values are workdays.deadlines.Clock; kept as plain text here so
    # that a new clock needs no migration.
    clock = models.CharField(_("clock"), max_length=32, db_index=True)
    length = models.PositiveSmallIntegerField(_("length"))
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    max_extension = models.PositiveSmallIntegerField(
        _("maximum extension"),
        null=True,
        blank=True,
        help_text=_("How many days the period may be extended by at most, in the same unit."),
    )
    legal_source = models.CharField(_("legal source"), max_length=255, blank=True)
    effective_from = models.DateTimeField(_("effective from"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")
        ordering = ["clock", "-effective_from"]
        indexes = [models.Index(fields=["clock", "effective_from"])]

    def __str__(self):
        return f"{self.clock} {self.length} {self.get_unit_display()}"


class CalendarChange(models.Model):
    """Audit trail of every change to the calendar and the deadline policies."""

    class Kind(models.TextChoices):
        DAY = "day", _("Day changed")
        YEAR_CONFIRMED = "year_confirmed", _("Year confirmed")
        SCHEDULE = "schedule", _("Year schedule entered")
        SYNC = "sync", _("Synchronised from package")
        POLICY = "policy", _("Deadline policy added")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    target = models.CharField(
        _("target"), max_length=64, help_text=_("The date, year or clock that changed.")
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("calendar change")
        verbose_name_plural = _("calendar changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.target}"


class CalendarVersion(models.Model):
    """A single row whose token changes with every calendar or policy change.

    Each process keeps an in-memory index of the calendar and compares this
    token at most once per second to notice changes made by other processes.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar version")
        verbose_name_plural = _("calendar versions")

    def __str__(self):
        return self.token
