from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workdays import services
from workdays.forms import DeadlinePolicyForm, YearScheduleForm
from workdays.models import CalendarChange, CalendarDay, CalendarYear, DeadlinePolicy
from workdays.schedule import month_preview


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "holiday_name", "source", "updated_at"]
    list_filter = ["kind", "source"]
    search_fields = ["date", "holiday_name"]
    date_hierarchy = "date"
    fields = ["date", "kind", "holiday_name"]

    def get_readonly_fields(self, request, obj=None):
        return ["date"] if obj else []

    def has_delete_permission(self, request, obj=None):
        # A day's history lives in CalendarChange; deleting rows would hide it.
        return False

    def save_model(self, request, obj, form, change):
        recomputed = services.change_day(obj.date, obj.kind, obj.holiday_name, request.user)
        obj.pk = CalendarDay.objects.get(date=obj.date).pk
        messages.info(request, _recomputed_message(recomputed))


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "confirmed", "source", "confirmed_at", "confirmed_by", "note"]
    list_filter = ["confirmed", "source"]
    readonly_fields = ["year", "confirmed", "source", "confirmed_at", "confirmed_by"]
    fields = ["year", "confirmed", "source", "confirmed_at", "confirmed_by", "note"]
    actions = ["confirm_selected"]

    def has_add_permission(self, request):
        # New years are entered through the schedule form, which previews them first.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        schedule = path(
            "schedule/",
            self.admin_site.admin_view(self.schedule_view),
            name="workdays_calendaryear_schedule",
        )
        return [schedule, *super().get_urls()]

    @admin.action(description=_("Confirm the selected years as stored"))
    def confirm_selected(self, request, queryset):
        years = list(queryset.values_list("year", flat=True))
        recomputed = services.confirm_years(years, request.user)
        self.message_user(request, _recomputed_message(recomputed))

    def schedule_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied

        form = YearScheduleForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
        preview = None
        if request.method == "POST" and form.is_valid():
            if "confirm" in request.POST and form.was_previewed():
                return self._save_schedule(request, form)
            if "confirm" in request.POST:
                messages.warning(request, _("The schedule changed after the preview. Check the new preview, then confirm."))
            preview = month_preview(form.schedule)
            form.data = form.data.copy()
            form.data["previewed"] = form.digest()

        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Enter a year's holiday schedule"),
            "form": form,
            "preview": preview,
            "totals": _totals(preview) if preview else None,
        }
        return TemplateResponse(request, "admin/workdays/calendaryear/schedule.html", context)

    def _save_schedule(self, request, form):
        schedule = form.schedule
        recomputed = services.save_year_schedule(schedule, request.user, form.cleaned_data["note"])
        messages.success(
            request,
            _("The %(year)s schedule is saved and confirmed. %(recomputed)s")
            % {"year": schedule.year, "recomputed": _recomputed_message(recomputed)},
        )
        return redirect(reverse("admin:workdays_calendaryear_changelist"))


def _totals(preview):
    return {
        "working": sum(row["working"] for row in preview),
        "rest": sum(row["rest"] for row in preview),
        "current_working": sum(row["current_working"] for row in preview),
    }


def _recomputed_message(count):
    return _("Open deadlines recomputed: %(count)s.") % {"count": count}


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    form = DeadlinePolicyForm
    list_display = ["clock", "length", "unit", "max_extension", "effective_from", "legal_source", "created_by"]
    list_filter = ["clock", "unit"]

    def has_change_permission(self, request, obj=None):
        # A rule change is a new row, so matters started earlier keep their rule.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        created = services.add_policy(
            data["clock"], data["length"], data["unit"], data["effective_from"], request.user,
            max_extension=data["max_extension"], legal_source=data["legal_source"],
        )
        obj.pk = created.pk


@admin.register(CalendarChange)
class CalendarChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "kind", "target", "actor", "note"]
    list_filter = ["kind"]
    search_fields = ["target", "note"]
    readonly_fields = ["kind", "target", "before", "after", "actor", "changed_at", "note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
