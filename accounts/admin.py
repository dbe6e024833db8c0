from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.access import is_system_admin
from accounts.models import ApplicantProfile, LoginRecord, PersonalDataAccess, StaffMembership, User
from accounts.roles import Role


class SystemAdminOnlyMixin:
    """Read-only admin that only system administrators (superusers or the system_admin role) see."""

    def has_module_permission(self, request):
        return is_system_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return is_system_admin(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StaffMembershipForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=True
    )

    class Meta:
        model = StaffMembership
        fields = ["court", "department", "roles"]


class StaffMembershipInline(admin.StackedInline):
    """Makes the user court staff. The model's clean() rejects a department of another court."""

    model = StaffMembership
    form = StaffMembershipForm
    raw_id_fields = ["court", "department"]
    can_delete = True
    extra = 0
    max_num = 1


class ApplicantProfileInline(admin.StackedInline):
    model = ApplicantProfile
    fk_name = "user"
    fields = [
        "real_name",
        "id_type",
        "masked_id_number",
        "address",
        "agent_kind",
        "lawyer_licence_number",
        "created_by_agent",
        "created_by_agent_at",
    ]
    readonly_fields = fields
    can_delete = False
    extra = 0
    max_num = 0

    @admin.display(description=_("ID number"))
    def masked_id_number(self, profile):
        return profile.masked_id_number


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [StaffMembershipInline, ApplicantProfileInline]
    list_display = ["username", "phone", "first_name", "last_name", "is_staff", "court_code", "is_active"]
    list_select_related = ["staff_membership__court"]
    search_fields = ["username", "=phone", "first_name", "last_name", "email"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Mobile number"), {"fields": ["phone", "phone_confirmed_at"]}),
    )

    @admin.display(description=_("court"), ordering="staff_membership__court__code")
    def court_code(self, user):
        membership = getattr(user, "staff_membership", None)
        return membership.court.code if membership else "-"


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(SystemAdminOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "staff_user", "subject_user", "field_list", "reason"]
    list_select_related = ["staff_user", "subject_user"]
    search_fields = ["staff_user__username", "subject_user__username", "reason"]
    date_hierarchy = "created_at"
    fields = ["created_at", "staff_user", "subject_user", "fields", "reason"]
    readonly_fields = fields

    @admin.display(description=_("fields"))
    def field_list(self, entry):
        return ", ".join(entry.fields)


@admin.register(LoginRecord)
class LoginRecordAdmin(SystemAdminOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "ip_address"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    search_fields = ["user__username", "=ip_address"]
    date_hierarchy = "created_at"
    fields = ["created_at", "user", "kind", "ip_address", "user_agent"]
    readonly_fields = fields
