"""Records of single lifecycle steps: corrections, replies, transfers, extensions, ratings."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CorrectionNotice(models.Model):
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="correction_notices",
    )
    items = models.TextField(_("missing items"), help_text=_("One item per line."))
    due_date = models.DateField(_("due date"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("correction notice")
        verbose_name_plural = _("correction notices")
        ordering = ["petition", "created_at"]

    def __str__(self):
        return _("Correction notice for %(petition)s") % {"petition": self.petition}

    def item_list(self):
        return [line.strip() for line in self.items.splitlines() if line.strip()]


class Reply(models.Model):
    class Kind(models.TextChoices):
        ANSWER = "answer", _("Answer")
        GUIDANCE = "guidance", _("Guidance to the competent body")
        DECLINE = "decline", _("Decision not to accept")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING_APPROVAL = "pending_approval", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for revision")

    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="replies",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ANSWER)
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.DRAFT)
    text = models.TextField(_("reply text"))
    competent_body = models.CharField(
        _("competent body"),
        max_length=200,
        blank=True,
        help_text=_("For guidance: the body that handles this kind of matter."),
    )
    document = models.ForeignKey(
        "petitions.Attachment",
        verbose_name=_("reply document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    return_note = models.TextField(_("reason for return"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["petition", "created_at"]

    def __str__(self):
        return _("Reply to %(petition)s") % {"petition": self.petition}


class Transfer(models.Model):
    petition = models.OneToOneField(
        "petitions.Petition",
        verbose_name=_("transferred petition"),
        on_delete=models.PROTECT,
        related_name="transfer",
    )
    new_petition = models.OneToOneField(
        "petitions.Petition",
        verbose_name=_("petition at the target court"),
        on_delete=models.PROTECT,
        related_name="transfer_origin",
    )
    from_court = models.ForeignKey(
        "courts.Court", verbose_name=_("from court"), on_delete=models.PROTECT, related_name="+"
    )
    to_court = models.ForeignKey(
        "courts.Court", verbose_name=_("to court"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("transferred by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("transferred at"), default=timezone.now)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self):
        return f"{self.petition} → {self.to_court.code}"


class Extension(models.Model):
    # One-to-one: the handling period can be extended once.
    petition = models.OneToOneField(
        "petitions.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="extension",
    )
    days = models.PositiveSmallIntegerField(_("days"))
    reason = models.TextField(_("reason"))
    previous_due = models.DateField(_("previous due date"))
    new_due = models.DateField(_("new due date"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("approved at"), default=timezone.now)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self):
        return _("%(days)s days for %(petition)s") % {"days": self.days, "petition": self.petition}


class Rating(models.Model):
    class Level(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASICALLY_SATISFIED = "basically_satisfied", _("Basically satisfied")
        DISSATISFIED = "dissatisfied", _("Dissatisfied")

    # One-to-one: a reply is rated once.
    petition = models.OneToOneField(
        "petitions.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="rating",
    )
    level = models.CharField(_("rating"), max_length=24, choices=Level.choices)
    comment = models.TextField(_("comment"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")

    def __str__(self):
        return f"{self.petition}: {self.get_level_display()}"


class TrackingCounter(models.Model):
    """The last tracking number serial given out per court and year."""

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_value = models.PositiveIntegerField(_("last serial"), default=0)

    class Meta:
        verbose_name = _("tracking number counter")
        verbose_name_plural = _("tracking number counters")
        constraints = [
            models.UniqueConstraint(fields=["court", "year"], name="tracking_counter_unique_court_year")
        ]

    def __str__(self):
        return f"{self.court_id}-{self.year}: {self.last_value}"
