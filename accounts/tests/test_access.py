import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from accounts import access
from accounts.models import PersonalDataAccess
from accounts.roles import Role
from courts.models import Court

pytestmark = pytest.mark.django_db


@pytest.fixture
def lower_court(cast):
    court, _created = Court.objects.get_or_create(
        code="京0105",
        defaults={"name": "北京市朝阳区人民法院", "level": Court.Level.BASIC, "parent": cast.court},
    )
    return court


@pytest.fixture
def applicant_matter_at_court(cast):
    """Stands in for the petitions app: cast.applicant has a matter at cast.court."""

    def source(subject):
        return [cast.court.pk] if subject == cast.applicant else []

    access.register_applicant_courts(source)
    yield
    access.unregister_applicant_courts(source)


# Which courts each cast member may see: (member, court attribute, visible?)
COURT_VISIBILITY = [
    ("clerk", "court", True),
    ("clerk", "upper_court", False),
    ("clerk", "other_court", False),
    ("clerk", "lower_court", False),
    ("handler", "court", True),
    ("head", "court", True),
    ("head", "other_court", False),
    ("other_clerk", "other_court", True),
    ("other_clerk", "court", False),
    ("supervisor", "upper_court", True),
    ("supervisor", "court", True),
    ("supervisor", "lower_court", True),
    ("supervisor", "other_court", False),
    ("analyst", "court", True),
    ("analyst", "other_court", False),
    ("applicant", "court", False),
    ("second_applicant", "court", False),
    ("agent", "court", False),
]


@pytest.mark.parametrize("member, court_name, visible", COURT_VISIBILITY)
def test_court_visibility_by_cast_member(cast, lower_court, member, court_name, visible):
    user = getattr(cast, member)
    court = lower_court if court_name == "lower_court" else getattr(cast, court_name)

    assert access.can_see_court(user, court) is visible
    assert access.visible_court_ids(user).filter(pk=court.pk).exists() is visible


def test_court_filter_on_a_related_model(cast, lower_court):
    from courts.models import Department

    Department.objects.create(court=lower_court, name="立案庭")
    Department.objects.create(court=cast.other_court, name="立案庭")

    seen_by_supervisor = Department.objects.filter(access.court_filter(cast.supervisor, field="court"))
    seen_by_clerk = Department.objects.filter(access.court_filter(cast.clerk, field="court"))

    assert {d.court.code for d in seen_by_supervisor} == {"京01", "京0105"}
    assert {d.court.code for d in seen_by_clerk} == {"京01"}


def test_get_object_or_404_for_hides_other_courts(cast):
    from courts.models import Department

    own = Department.objects.create(court=cast.court, name="立案庭")

    assert access.get_object_or_404_for(cast.clerk, Department.objects, field="court", pk=own.pk) == own
    with pytest.raises(Http404):
        access.get_object_or_404_for(cast.other_clerk, Department.objects, field="court", pk=own.pk)
    with pytest.raises(Http404):
        access.get_object_or_404_for(cast.applicant, Department.objects, field="court", pk=own.pk)


@pytest.mark.parametrize(
    "member, allowed",
    [("clerk", True), ("handler", True), ("head", True), ("supervisor", True), ("other_clerk", True),
     ("analyst", False), ("applicant", False), ("agent", False), ("sysadmin", True)],
)
def test_personal_data_permission(cast, member, allowed):
    assert access.can_see_personal_data(getattr(cast, member)) is allowed


def test_require_role(cast):
    assert access.require_role(cast.head, Role.DEPARTMENT_HEAD, Role.SUPERVISOR).court == cast.court
    for user in [cast.clerk, cast.applicant, cast.analyst]:
        with pytest.raises(PermissionDenied):
            access.require_role(user, Role.DEPARTMENT_HEAD)


def test_inactive_staff_see_nothing(cast):
    cast.clerk.is_active = False
    cast.clerk.save()

    assert not access.can_see_court(cast.clerk, cast.court)
    assert not access.visible_court_ids(cast.clerk).exists()


# The staff page of cast.applicant's full profile: who gets it (200) and who 404.
PROFILE_VIEW = [
    ("clerk", 200),
    ("handler", 200),
    ("head", 200),
    ("supervisor", 200),
    ("sysadmin", 200),
    ("other_clerk", 404),
    ("analyst", 404),
    ("second_applicant", 404),
    ("agent", 404),
    ("applicant", 404),
]


@pytest.mark.parametrize("member, status", PROFILE_VIEW)
def test_staff_profile_view_by_cast_member(client, cast, applicant_matter_at_court, member, status):
    viewer = getattr(cast, member)
    client.force_login(viewer)

    url = reverse("accounts:staff_applicant_profile", args=[cast.applicant.pk])
    response = client.get(url + "?petition=42")

    assert response.status_code == status
    logged = PersonalDataAccess.objects.filter(staff_user=viewer, subject_user=cast.applicant)
    if status == 200:
        html = response.content.decode()
        assert cast.applicant.applicant_profile.id_number in html
        assert "本次查看个人信息已记录" in html
        entry = logged.get()
        assert "id_number" in entry.fields
        assert entry.reason == "accounts:staff_applicant_profile petition=42"
    else:
        assert not logged.exists()


def test_staff_profile_view_without_a_matter_is_404(client, cast):
    client.force_login(cast.clerk)

    response = client.get(reverse("accounts:staff_applicant_profile", args=[cast.second_applicant.pk]))

    assert response.status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_log_personal_data_access_writes_a_row(cast):
    entry = access.log_personal_data_access(cast.handler, cast.applicant, ["address"], "petition 7 reply")

    assert entry.staff_user == cast.handler
    assert entry.subject_user == cast.applicant
    assert entry.fields == ["address"]
    assert entry.reason == "petition 7 reply"
    assert entry.created_at is not None


def test_cast_matches_the_contract(cast):
    assert cast.court.code == "京01"
    assert cast.upper_court.code == "京"
    assert cast.other_court.code == "沪01"
    assert cast.department.court == cast.court
    assert cast.upper_court.is_above(cast.court)
    for user in cast.applicants():
        assert user.phone_confirmed_at is not None
        assert user.applicant_profile.is_complete
    assert cast.agent.applicant_profile.agent_kind == "lawyer"
    assert cast.head.staff_membership.has_role(Role.DEPARTMENT_HEAD)
    assert cast.other_clerk.staff_membership.court == cast.other_court
    assert cast.supervisor.staff_membership.court == cast.upper_court
