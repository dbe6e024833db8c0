import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import PersonalDataAccess, StaffMembership
from accounts.roles import Role
from accounts.staff import add_staff_member
from courts.models import Department

pytestmark = pytest.mark.django_db


def inline_data(court, department, roles, username="new_clerk"):
    prefix = "staff_membership"
    return {
        "username": username,
        "password1": "Admin-made-Pass-9",
        "password2": "Admin-made-Pass-9",
        "usable_password": "true",
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1",
        f"{prefix}-0-court": str(court.pk),
        f"{prefix}-0-department": str(department.pk) if department else "",
        f"{prefix}-0-roles": roles,
        "applicant_profile-TOTAL_FORMS": "0",
        "applicant_profile-INITIAL_FORMS": "0",
        "applicant_profile-MIN_NUM_FORMS": "0",
        "applicant_profile-MAX_NUM_FORMS": "0",
    }


def test_admin_creates_staff_with_membership(admin_client, cast):
    data = inline_data(cast.court, cast.department, ["intake_clerk", "handler"])

    response = admin_client.post(reverse("admin:accounts_user_add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    membership = StaffMembership.objects.get(user__username="new_clerk")
    assert membership.court == cast.court
    assert membership.roles == ["intake_clerk", "handler"]


def test_admin_rejects_department_of_another_court(admin_client, cast):
    elsewhere = Department.objects.create(court=cast.other_court, name="立案庭")
    data = inline_data(cast.court, elsewhere, ["intake_clerk"])

    response = admin_client.post(reverse("admin:accounts_user_add"), data)

    assert "该部门属于其他法院，请选择北京市第一中级人民法院的部门。" in response.content.decode()
    assert not StaffMembership.objects.filter(user__username="new_clerk").exists()


def test_membership_clean_rejects_unknown_role(cast):
    membership = StaffMembership(user=cast.applicant, court=cast.court, roles=["judge"])

    with pytest.raises(ValidationError) as caught:
        membership.full_clean()

    assert "未知角色：judge。" in caught.value.message_dict["roles"]


def test_add_staff_member_is_idempotent_and_keeps_password(cast):
    user = add_staff_member("again", court=cast.court, roles=[Role.HANDLER], password="first-Pass-1")
    user.set_password("changed-Pass-2")
    user.save()

    again = add_staff_member("again", court=cast.court, roles=[Role.HANDLER, Role.INTAKE_CLERK], password="first-Pass-1")

    assert again.pk == user.pk
    assert again.check_password("changed-Pass-2")
    assert again.staff_membership.roles == [Role.HANDLER, Role.INTAKE_CLERK]
    assert StaffMembership.objects.filter(user=user).count() == 1


def test_staff_login_lands_on_workbench(client, cast):
    from django.urls import NoReverseMatch

    add_staff_member("landing_clerk", court=cast.court, roles=[Role.INTAKE_CLERK], password="landing-Pass-3")

    client.post(reverse("accounts:login"), {"username": "landing_clerk", "password": "landing-Pass-3"})
    response = client.get(reverse("core:dashboard"), follow=True)

    try:
        expected = reverse("petitions:workbench")
    except NoReverseMatch:
        expected = reverse("accounts:home")
        assert "北京市第一中级人民法院" in response.content.decode()
        assert "登记员" in response.content.decode()
    assert response.redirect_chain[-1][0] == expected


@pytest.mark.parametrize("member, visible", [("sysadmin", True), ("clerk", False), ("applicant", False)])
def test_personal_data_log_admin_only_for_system_admins(client, cast, member, visible):
    user = getattr(cast, member)
    user.is_staff = True
    user.save()
    entry = PersonalDataAccess.objects.create(
        staff_user=cast.clerk, subject_user=cast.applicant, fields=["id_number"], reason="test"
    )
    client.force_login(user)

    listing = client.get(reverse("admin:accounts_personaldataaccess_changelist"))
    change = client.get(reverse("admin:accounts_personaldataaccess_change", args=[entry.pk]))

    if visible:
        assert "cast_clerk" in listing.content.decode()
        assert 'name="_save"' not in change.content.decode()
    else:
        assert listing.status_code == 403
        assert change.status_code == 403
