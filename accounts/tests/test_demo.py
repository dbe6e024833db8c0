import io

import pytest
from django.contrib.auth import get_user_model

from accounts import demo
from accounts.idnumbers import validate_resident_id
from accounts.models import StaffMembership
from accounts.roles import Role
from accounts.testing import cast_courts

pytestmark = pytest.mark.django_db


def test_demo_creates_staff_admin_and_applicants_once():
    cast_courts()

    first = demo.load(io.StringIO())
    counts = (get_user_model().objects.count(), StaffMembership.objects.count())
    second = demo.load(io.StringIO())

    assert first == second
    assert (get_user_model().objects.count(), StaffMembership.objects.count()) == counts
    roles = [login.role for login in first]
    assert "登记员 intake clerk" in roles
    assert "系统管理员 system administrator" in roles
    assert get_user_model().objects.get(username="demo_admin").is_superuser
    supervisor = StaffMembership.objects.get(user__username="demo_supervisor")
    assert supervisor.court.code == "京"
    assert supervisor.has_role(Role.SUPERVISOR)
    assert StaffMembership.objects.get(user__username="demo_head").department.court.code == "京01"


def test_demo_logins_work(client):
    cast_courts()
    logins = demo.load(io.StringIO())

    for login in logins:
        assert client.login(username=login.username, password=login.password), login.role
        client.logout()


def test_demo_applicants_have_valid_profiles():
    cast_courts()
    demo.load(io.StringIO())

    for phone, *_rest in demo.APPLICANTS:
        user = get_user_model().objects.get(phone=phone)
        assert user.phone_confirmed_at is not None
        assert user.applicant_profile.is_complete
        validate_resident_id(user.applicant_profile.id_number)


def test_demo_skips_staff_of_missing_courts():
    out = io.StringIO()

    logins = demo.load(out)

    assert "Court 京01 is not in the registry" in out.getvalue()
    assert not StaffMembership.objects.exists()
    assert [login.username for login in logins][:1] == ["demo_admin"]
