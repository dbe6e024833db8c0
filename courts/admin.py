from django.contrib import admin

from courts.models import Court, Department


class DepartmentInline(admin.TabularInline):
    model = Department
    fields = ["name", "kind", "is_active"]
    extra = 0


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "kind", "parent", "is_active"]
    list_filter = ["level", "kind", "province", "is_active"]
    # "^" matches codes from the start, so "京01" finds 京01 and its basic courts.
    search_fields = ["^code", "name", "^division_code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    fields = ["code", "name", "level", "kind", "parent", "division_code", "province", "note", "is_active"]
    inlines = [DepartmentInline]
    list_per_page = 50


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "court", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["^court__code", "court__name", "name"]
    list_select_related = ["court"]
    autocomplete_fields = ["court"]
