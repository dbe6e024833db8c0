"""The test cast: applicants, an agent and court staff at related and unrelated courts.

``build_cast()`` creates everyone through the same domain functions that
sign-up, the profile form and the admin use. The root conftest exposes it
as the ``cast`` fixture. Courts are fetched or created by code, so the
cast works with or without the full court registry loaded.
"""

import re
from dataclasses import dataclass

from accounts.idnumbers import resident_id_check_character
from accounts.profiles import save_profile
from accounts.registration import create_applicant
from accounts.roles import Role
from accounts.staff import add_staff_member
from courts.models import Court, Department

PASSWORD = "cast-password-2024"


@dataclass
class Cast:
    court: Court
    upper_court: Court
    other_court: Court
    department: Department
    applicant: object
    second_applicant: object
    agent: object
    clerk: object
    handler: object
    head: object
    other_clerk: object
    supervisor: object
    analyst: object
    sysadmin: object
    password: str = PASSWORD

    def applicants(self):
        return [self.applicant, self.second_applicant, self.agent]

    def staff(self):
        return [self.clerk, self.handler, self.head, self.other_clerk, self.supervisor, self.analyst]


def resident_id(region="110105", birth_date="19800101", sequence="001"):
    """Return a fictitious resident ID number with a correct GB 11643 check character."""
    first_17 = f"{region}{birth_date}{sequence}"
    return first_17 + resident_id_check_character(first_17)


def sent_code(phone):
    """Return the six-digit code in the newest text to ``phone``, read from the outbox."""
    from notifications.models import Outbox

    text = Outbox.objects.filter(recipient=phone).latest("pk").text
    return re.search(r"(?<!\d)\d{6}(?!\d)", text).group()


def court(code, name, level, parent=None, province=""):
    found, _created = Court.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent, "province": province}
    )
    return found


def cast_courts():
    """Return (court, upper_court, other_court), creating whichever the database lacks."""
    supreme = Court.objects.filter(code="最高法").first()
    upper = court("京", "北京市高级人民法院", Court.Level.HIGH, supreme, "京")
    own = court("京01", "北京市第一中级人民法院", Court.Level.INTERMEDIATE, upper, "京")
    shanghai = court("沪", "上海市高级人民法院", Court.Level.HIGH, supreme, "沪")
    other = court("沪01", "上海市第一中级人民法院", Court.Level.INTERMEDIATE, shanghai, "沪")
    return own, upper, other


def applicant(phone, real_name, id_number, *, agent_kind="none", lawyer_licence_number=""):
    user = create_applicant(phone, PASSWORD)
    save_profile(
        user,
        real_name=real_name,
        id_type="resident_id",
        id_number=id_number,
        address="北京市朝阳区建国路1号",
        agent_kind=agent_kind,
        lawyer_licence_number=lawyer_licence_number,
    )
    return user


def build_cast():
    own, upper, other = cast_courts()
    department, _created = Department.objects.get_or_create(
        court=own, name="信访办公室", defaults={"kind": Department.Kind.PETITION_OFFICE}
    )

    def staff(username, member_court, roles, member_department=None, **extra):
        return add_staff_member(
            username,
            court=member_court,
            roles=roles,
            department=member_department,
            password=PASSWORD,
            **extra,
        )

    sysadmin = staff("cast_sysadmin", upper, [Role.SYSTEM_ADMIN], is_staff=True)
    sysadmin.is_superuser = True
    sysadmin.save(update_fields=["is_superuser"])

    return Cast(
        court=own,
        upper_court=upper,
        other_court=other,
        department=department,
        applicant=applicant("13800000001", "张三", resident_id("110105", "19800101", "001")),
        second_applicant=applicant("13800000002", "李四", resident_id("310101", "19750615", "002")),
        agent=applicant(
            "13800000003",
            "王五",
            resident_id("110101", "19850310", "003"),
            agent_kind="lawyer",
            lawyer_licence_number="11101201010123456",
        ),
        clerk=staff("cast_clerk", own, [Role.INTAKE_CLERK], department),
        handler=staff("cast_handler", own, [Role.HANDLER], department),
        head=staff("cast_head", own, [Role.DEPARTMENT_HEAD], department),
        other_clerk=staff("cast_other_clerk", other, [Role.INTAKE_CLERK]),
        supervisor=staff("cast_supervisor", upper, [Role.SUPERVISOR]),
        analyst=staff("cast_analyst", own, [Role.ANALYST]),
        sysadmin=sysadmin,
    )
