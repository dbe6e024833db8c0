"""In-site notices and the outbox of text messages and emails."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.phones import mask_phone
from notifications.texts import render_source


class Notice(models.Model):
    """A message to one user inside the platform; unread until they open it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    # English msgid and parameters of title and body (see notifications.texts), so pages can show
    # them in the reader's language. Empty for notices stored as plain text only.
    title_source = models.JSONField(_("title source"), null=True, blank=True)
    body_source = models.JSONField(_("text source"), null=True, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    # A plain id, not a foreign key: petitions depends on notifications, not the other way round.
    petition_id = models.BigIntegerField(_("petition"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_recipient_read")]

    def __str__(self):
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None

    @property
    def display_title(self):
        """Title in the active language when its source is stored, else as stored."""
        return render_source(self.title_source, self.title)

    @property
    def display_body(self):
        """Text in the active language when its source is stored, else as stored."""
        return render_source(self.body_source, self.body)


class Outbox(models.Model):
    """One outgoing text message or email, kept whole for the operator and the audit trail."""

    class Channel(models.TextChoices):
        SMS = "sms", _("Text message")
        EMAIL = "email", _("Email")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    class Purpose(models.TextChoices):
        """Reason for sending. The choices label known values, but the column accepts any string."""

        SIGNUP_CODE = "signup_code", _("Sign-up code")
        PASSWORD_RESET_CODE = "password_reset_code", _("Password reset code")
        NOTICE = "notice", _("Notice")
        AGENT_FILING = "agent_filing", _("Filed by an agent")

    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.SMS)
    recipient = models.CharField(_("recipient address"), max_length=254)
    text = models.TextField(_("text"))
    purpose = models.CharField(_("purpose"), max_length=50, choices=Purpose.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        # One name for the page heading and the admin menu.
        verbose_name = _("outbox")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.masked_recipient} {self.get_purpose_display()}"

    @property
    def masked_recipient(self):
        if self.channel == self.Channel.SMS:
            return mask_phone(self.recipient)
        name, _at, domain = self.recipient.partition("@")
        return f"{name[:1]}***@{domain}"


def unread_count(user):
    """Return how many notices ``user`` has not opened (0 for anonymous users)."""
    if not user.is_authenticated:
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()
