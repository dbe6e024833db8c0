from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin import SystemAdminOnlyMixin
from notifications.models import Notice, Outbox
from notifications.sms import deliver


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "petition_id", "created_at", "read_at"]
    list_filter = ["read_at"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["created_at", "read_at"]
    date_hierarchy = "created_at"


@admin.register(Outbox)
class OutboxAdmin(SystemAdminOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "channel", "masked_recipient", "purpose_label", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", "purpose"]
    search_fields = ["=recipient"]
    date_hierarchy = "created_at"
    fields = [
        "channel",
        "recipient",
        "purpose_label",
        "text",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    readonly_fields = fields
    actions = ["send_again"]

    @admin.display(description=_("recipient address"))
    def masked_recipient(self, message):
        return message.masked_recipient

    # The field's own display would show "-" for a purpose missing from the choices.
    @admin.display(description=_("purpose"), ordering="purpose")
    def purpose_label(self, message):
        return message.get_purpose_display()

    @admin.action(description=_("Send the selected failed messages again"))
    def send_again(self, request, queryset):
        sent = 0
        for message in queryset.filter(status=Outbox.Status.FAILED):
            message.status = Outbox.Status.QUEUED
            sent += deliver(message)
        self.message_user(
            request,
            ngettext("%(count)d message sent.", "%(count)d messages sent.", sent) % {"count": sent},
            messages.SUCCESS,
        )
