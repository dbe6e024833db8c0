"""Demo matters at 京01 in different stages, made through the domain functions.

Idempotent: each matter has a fixed idempotency key, and a matter that
exists already is left as it is. Needs the demo accounts; without them it
prints what is missing and creates nothing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from courts.models import Court
from petitions import services
from petitions.models import Kind, Petition

APPLICANT_PHONE = "13900000001"
STAFF = ("demo_clerk", "demo_handler", "demo_head")

MATTERS = [
    # (idempotency key, kind, case number, request, facts and reasons, stage reached)
    (
        "demo-submitted",
        Kind.APPEAL,
        "（2023）京01民终1234号",
        "请求撤销二审判决，依法再审。",
        "二审判决认定借款已经归还，但没有对应的转账记录。",
        "submitted",
    ),
    (
        "demo-correction",
        Kind.APPEAL,
        "（2022）京01民终876号",
        "请求对房屋买卖合同纠纷案再审。",
        "原判决未采纳我方提交的补充协议。",
        "correction",
    ),
    (
        "demo-accepted",
        Kind.COMPLAINT,
        "",
        "反映执行案件长期未结。",
        "申请执行已满两年，仍未收到执行款，也未收到任何告知。",
        "accepted",
    ),
    (
        "demo-replied",
        Kind.SUGGESTION,
        "",
        "建议增设周末诉讼服务窗口。",
        "上班族工作日难以到法院办理事务。",
        "replied",
    ),
]


def load(stdout):
    User = get_user_model()
    court = Court.objects.filter(code="京01").first()
    applicant = User.objects.filter(phone=APPLICANT_PHONE).first()
    staff = {user.username: user for user in User.objects.filter(username__in=STAFF)}
    missing = [name for name in STAFF if name not in staff]
    if court is None or applicant is None or missing:
        stdout.write(
            "Demo matters not created: court 京01, the demo applicant "
            f"{APPLICANT_PHONE} and staff {', '.join(STAFF)} are needed (missing: "
            f"{', '.join(missing) or ('court' if court is None else 'applicant')})."
        )
        return []

    created = 0
    for key, kind, case_number, request_text, facts, stage in MATTERS:
        if Petition.objects.filter(applicant=applicant, idempotency_key=key).exists():
            continue
        with transaction.atomic():
            _create(court, applicant, staff, key, kind, case_number, request_text, facts, stage)
        created += 1
    stdout.write(f"Demo matters at 京01: {created} created, {len(MATTERS) - created} already present.")
    return []


def _create(court, applicant, staff, key, kind, case_number, request_text, facts, stage):
    clerk, handler, head = staff["demo_clerk"], staff["demo_handler"], staff["demo_head"]
    petition = services.save_draft(
        applicant,
        idempotency_key=key,
        kind=kind,
        case_number=case_number,
        receiving_court=court,
        request_text=request_text,
        facts_and_reasons=facts,
    )
    services.submit(applicant, petition, idempotency_key=key)
    if stage == "submitted":
        return

    services.receive(clerk, petition)
    if stage == "correction":
        services.request_correction(clerk, petition, items=["原审判决书复印件", "补充协议原件照片"])
        return

    department = handler.staff_membership.department
    services.accept(clerk, petition, department=department, handler=handler)
    if stage == "accepted":
        return

    services.draft_reply(handler, petition, text="感谢您的建议。本院已研究在诉讼服务中心试行周六上午预约服务，具体安排将在本院网站公布。")
    services.submit_reply_for_approval(handler, petition)
    services.approve_reply(head, petition)
