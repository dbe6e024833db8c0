"""Demo accounts: staff at 京01, a supervisor at 京, a system administrator and two applicants.

Idempotent: existing accounts are left as they are. Courts come from the
registry, which the courts demo loads first; staff of a missing court are
skipped with a message.
"""

from django.contrib.auth import get_user_model

from accounts.profiles import save_profile
from accounts.registration import create_applicant
from accounts.roles import Role
from accounts.staff import add_staff_member
from accounts.testing import resident_id
from core.demo_logins import DemoLogin
from courts.models import Court, Department

STAFF = [
    # (court code, username, (surname, given name), roles, role label, in the department, admin access)
    ("京01", "demo_clerk", ("李", "静"), [Role.INTAKE_CLERK], "登记员 intake clerk", True, False),
    ("京01", "demo_handler", ("王", "立"), [Role.HANDLER], "承办人 handler", True, False),
    ("京01", "demo_head", ("张", "华"), [Role.DEPARTMENT_HEAD], "部门负责人 department head", True, False),
    ("京", "demo_supervisor", ("赵", "明"), [Role.SUPERVISOR], "督办人 supervisor (京)", False, False),
]
STAFF_PASSWORD = "demo-staff-2024"
ADMIN_USERNAME = "demo_admin"
ADMIN_PASSWORD = "demo-admin-2024"
APPLICANT_PASSWORD = "demo-applicant-2024"
APPLICANTS = [
    # (phone, real name, ID number, address, agent kind, lawyer's licence number, role label)
    ("13900000001", "陈明", resident_id("110105", "19580312", "021"), "北京市朝阳区劲松路8号", "none", "",
     "申请人 applicant"),
    ("13900000002", "刘芳", resident_id("110108", "19790921", "046"), "北京市海淀区中关村大街27号", "lawyer",
     "11101201510987654", "代理人（律师） agent (lawyer)"),
]


def load(stdout):
    logins = []
    logins.extend(_load_staff(stdout))
    logins.append(_load_admin(stdout))
    logins.extend(_load_applicants(stdout))
    return logins


def _department(court):
    department = Department.objects.filter(court=court, kind=Department.Kind.PETITION_OFFICE).first()
    if department is None:
        department, _created = Department.objects.get_or_create(
            court=court, name="信访办公室", defaults={"kind": Department.Kind.PETITION_OFFICE}
        )
    return department


def _load_staff(stdout):
    logins = []
    for code, username, (surname, given_name), roles, label, in_department, is_staff in STAFF:
        court = Court.objects.filter(code=code).first()
        if court is None:
            stdout.write(f"Court {code} is not in the registry; demo account {username} not created.")
            continue
        department = _department(court) if in_department else None
        add_staff_member(
            username,
            court=court,
            roles=roles,
            department=department,
            password=STAFF_PASSWORD,
            last_name=surname,
            first_name=given_name,
            is_staff=is_staff,
        )
        logins.append(DemoLogin(label, username, STAFF_PASSWORD))
    return logins


def _load_admin(stdout):
    users = get_user_model().objects
    if not users.filter(username=ADMIN_USERNAME).exists():
        users.create_superuser(ADMIN_USERNAME, email="", password=ADMIN_PASSWORD)
        stdout.write(f"Created system administrator {ADMIN_USERNAME}.")
    return DemoLogin("系统管理员 system administrator", ADMIN_USERNAME, ADMIN_PASSWORD)


def _load_applicants(stdout):
    logins = []
    users = get_user_model().objects
    for phone, name, id_number, address, agent_kind, licence, label in APPLICANTS:
        user = users.filter(phone=phone).first()
        if user is None:
            user = create_applicant(phone, APPLICANT_PASSWORD)
            save_profile(
                user,
                real_name=name,
                id_type="resident_id",
                id_number=id_number,
                address=address,
                agent_kind=agent_kind,
                lawyer_licence_number=licence,
            )
            stdout.write(f"Created demo applicant {name}.")
        logins.append(DemoLogin(label, phone, APPLICANT_PASSWORD))
    return logins
