"""Read-only admin pages for system administrators.

Casework happens in the staff pages, through the lifecycle functions that
check permissions and record events. The admin only looks: no add, change
or delete, so nothing here bypasses the event trace. Court staff with the
``is_staff`` flag but no system administrator role do not see these pages.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.access import log_personal_data_access
from accounts.admin import SystemAdminOnlyMixin
from courts.case_numbers import CaseNumberError, parse_case_number
from petitions.admin_pagination import EstimatedCountPaginator
from petitions.models import Attachment, Event, Petition, Rating


class ReadOnlyAdmin(SystemAdminOnlyMixin, admin.ModelAdmin):
    # Skips the second count, of the whole table, that the list shows beside a filtered count.
    show_full_result_count = False
    # Every table here grows with the petitions, and the events table is
    # planned to reach 100 million rows.
    paginator = EstimatedCountPaginator

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    list_display = ["tracking_number", "kind", "category", "status", "receiving_court", "submitted_at"]
    list_filter = ["status", "kind", "category", "receiving_court__level"]
    list_select_related = ["receiving_court"]
    search_fields = ["tracking_number", "case_number"]
    search_help_text = _("Enter a whole tracking number or case number.")
    ordering = ["-pk"]

    def get_search_results(self, request, queryset, search_term):
        """Match the whole tracking number or the normalised case number.

        Exact matches use the unique index on the tracking number, where a
        substring search would read the whole table.
        """
        term = search_term.strip()
        if not term:
            return queryset, False
        case_number = term
        try:
            case_number = parse_case_number(term).normalised
        except CaseNumberError:
            pass
        return queryset.filter(tracking_number=term) | queryset.filter(case_number=case_number), False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        petition = self.get_object(request, object_id)
        if response.status_code == 200 and petition is not None:
            # The page shows the applicant's name, masked ID number and the matter's text.
            log_personal_data_access(
                request.user,
                petition.applicant,
                ["applicant_name", "applicant_id_masked", "request_text", "facts_and_reasons"],
                f"admin view of petition {petition.pk}",
            )
        return response


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["petition", "sequence", "action", "old_status", "new_status", "actor", "created_at"]
    list_filter = ["action"]
    list_select_related = ["petition", "actor"]
    search_fields = ["petition__tracking_number"]
    search_help_text = _("Enter a whole tracking number.")
    ordering = ["-pk"]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(petition__tracking_number=term), False


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "petition", "kind", "content_type", "size", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["petition"]
    ordering = ["-pk"]
    # The stored file path is left out: a storage URL would skip the permission check.
    fields = [
        "petition",
        "kind",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "created_at",
        "download",
    ]

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    # NOTE: the download view lets through only users who may see the petition, so a
    # system administrator without a membership at its court gets 404 there.
    @admin.display(description=_("download"))
    def download(self, attachment):
        url = reverse("petitions:download", args=[attachment.petition_id, attachment.pk])
        return format_html('<a href="{}">{}</a>', url, attachment.original_name)


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["petition", "level", "rated_by", "created_at"]
    list_filter = ["level"]
    list_select_related = ["petition", "rated_by"]
    ordering = ["-pk"]
