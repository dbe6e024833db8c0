"""Fill the bench database with petitions, their event chains, replies and ratings.

Imported by petitions_bench.py after Django is set up. A few hundred
petitions go through the lifecycle functions. The rest are bulk inserted
with copies of those event chains, chained and hashed with
``Event.compute_hash`` as ``record_event`` does, so that
``manage.py verify_events`` passes on the filled database.
"""

import functools
import random
import sys
import time
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from workdays.calendar import add_calendar_days, add_working_days, local_date
from workdays.models import CalendarDay
from workdays.services import sync_from_package

from accounts.models import ApplicantProfile
from accounts.profiles import save_profile
from accounts.registration import create_applicant
from accounts.roles import Role
from accounts.staff import add_staff_member
from accounts.testing import resident_id
from courts.models import Court, Department
from courts.registry import load_registry
from petitions import services
from petitions.models import (
    GENESIS_HASH,
    Category,
    Event,
    Kind,
    Petition,
    Rating,
    Reply,
    Status,
    TrackingCounter,
)
from petitions.tracking import format_tracking_number

BUSY_COURT = "京01"
# Share of all petitions received by the busy court, whose intake queue is timed.
BUSY_SHARE = 0.25
OTHER_COURTS = 199
DOMAIN_PETITIONS = 300
BATCH_SIZE = 2_000
BENCH_PHONE = "13700000000"
PASSWORD = "bench-password-2024"
# Bumped whenever the shape of the filled data changes, so an old fill is not reused.
FILL_VERSION = 1

# Final status of the bulk petitions and their weights: most matters are finished,
# about one in ten waits for intake work.
BULK_STATUS_WEIGHTS = {
    Status.DRAFT: 2,
    Status.SUBMITTED: 4,
    Status.RECEIVED: 3,
    Status.AWAITING_CORRECTION: 2,
    Status.ACCEPTED: 14,
    Status.REPLIED: 8,
    Status.CLOSED: 62,
    Status.WITHDRAWN: 5,
}
# Days between submission and now, by final status (uniform between the bounds).
AGE_DAYS = {
    Status.DRAFT: (0, 30),
    Status.SUBMITTED: (0, 5),
    Status.RECEIVED: (2, 20),
    Status.AWAITING_CORRECTION: (3, 30),
    Status.ACCEPTED: (5, 90),
    Status.REPLIED: (20, 60),
    Status.CLOSED: (60, 730),
    Status.WITHDRAWN: (3, 400),
}
KIND_WEIGHTS = {
    Kind.APPEAL: 50,
    Kind.COMPLAINT: 20,
    Kind.REQUEST: 15,
    Kind.REPORT: 5,
    Kind.SUGGESTION: 10,
}
TYPE_CODE = {
    Category.CRIMINAL: "刑终",
    Category.CIVIL: "民终",
    Category.ADMINISTRATIVE: "行终",
    Category.STATE_COMPENSATION: "委赔",
    Category.ENFORCEMENT: "执复",
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN_NAMES = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟"]
REQUESTS = [
    "请求撤销二审判决，依法再审。",
    "反映执行案件长期未结。",
    "请求依法纠正原判决认定的赔偿数额。",
    "建议增设周末诉讼服务窗口。",
]
FACTS = [
    "原判决认定事实错误，证据不足，借款已经归还但未被采纳。",
    "申请执行已满两年，仍未收到执行款，也未收到任何告知。",
    "一审、二审均未调取我方申请的关键证据。",
    "上班族工作日难以到法院办理事务。",
]


@dataclass
class FillContext:
    """The courts and people that the filled petitions refer to."""

    busy_court: Court
    courts: list
    staff_by_court: dict
    applicant_ids: list
    profiles: dict
    bench_applicant: object


def fill_marker():
    """Return the (petitions, seed, version) of the finished fill, or None."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_fill (petitions integer, seed integer, version integer)")
        cursor.execute("SELECT petitions, seed, version FROM bench_fill")
        return cursor.fetchone()


def write_fill_marker(petitions, seed):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bench_fill")
        cursor.execute("INSERT INTO bench_fill VALUES (%s, %s, %s)", [petitions, seed, FILL_VERSION])


def load_reference_data():
    load_registry()
    if not CalendarDay.objects.exists():
        sync_from_package()


def petition_office(court):
    department = Department.objects.filter(court=court, kind=Department.Kind.PETITION_OFFICE).first()
    if department is None:
        department = Department.objects.create(
            court=court, name="信访办公室", kind=Department.Kind.PETITION_OFFICE
        )
    return department


def create_staff(busy_court, courts):
    """Create the busy court's clerk, handler and head, and one all-round staff member per other court.

    Returns ``{court_id: {"clerk": user, "handler": user, "head": user}}``.
    """
    department = petition_office(busy_court)
    busy = {
        "clerk": add_staff_member("bench_clerk", court=busy_court, roles=[Role.INTAKE_CLERK], department=department),
        "handler": add_staff_member("bench_handler", court=busy_court, roles=[Role.HANDLER], department=department),
        "head": add_staff_member(
            "bench_head", court=busy_court, roles=[Role.DEPARTMENT_HEAD], department=department
        ),
    }
    staff = {busy_court.pk: busy}
    roles = [Role.INTAKE_CLERK, Role.HANDLER, Role.DEPARTMENT_HEAD]
    for court in courts:
        if court.pk == busy_court.pk:
            continue
        user = add_staff_member(f"bench_staff_{court.pk}", court=court, roles=roles, department=petition_office(court))
        staff[court.pk] = {"clerk": user, "handler": user, "head": user}
    return staff


def create_applicants(count, rng):
    """Bulk insert applicants with complete profiles; return (user ids, {user id: (name, masked ID)})."""
    User = get_user_model()
    now = timezone.now()
    unusable = make_password(None)
    users = [
        User(username=f"bench{i:06d}", phone=f"15{i:09d}", phone_confirmed_at=now, password=unusable)
        for i in range(count)
    ]
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    ids = list(User.objects.filter(username__startswith="bench0").order_by("pk").values_list("pk", flat=True))

    profiles = []
    for user_id in ids:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
        birth = f"{rng.randint(1940, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        number = resident_id("110105", birth, f"{user_id % 1000:03d}")
        profile = ApplicantProfile(
            user_id=user_id, real_name=name, id_type="resident_id", id_number=number, address="北京市朝阳区建国路1号"
        )
        # bulk_create skips save(), which fills the keyed hash.
        profile.id_number_hash = ApplicantProfile.hash_id_number("resident_id", number)
        profiles.append(profile)
    ApplicantProfile.objects.bulk_create(profiles, batch_size=BATCH_SIZE)
    return ids, {p.user_id: (p.real_name, p.masked_id_number) for p in profiles}


def create_bench_applicant():
    user = create_applicant(BENCH_PHONE, PASSWORD)
    save_profile(
        user,
        real_name="白晓明",
        id_type="resident_id",
        id_number=resident_id("110105", "19620405", "017"),
        address="北京市海淀区中关村大街1号",
    )
    return user


def choose_courts(rng):
    busy = Court.objects.get(code=BUSY_COURT)
    candidates = list(
        Court.objects.filter(level__in=[Court.Level.INTERMEDIATE, Court.Level.BASIC], is_active=True)
        .exclude(pk=busy.pk)
        .order_by("pk")
    )
    return busy, [busy, *rng.sample(candidates, min(OTHER_COURTS, len(candidates)))]


# Petitions through the lifecycle functions --------------------------------

DOMAIN_STAGES = [
    "submitted",
    "received",
    "correction",
    "accepted",
    "replied",
    "rated",
    "withdrawn",
    "guided",
    "declined",
    "transferred",
]


def run_domain_stage(context, petition, stage, transfer_court):
    """Take a submitted petition to ``stage`` through the lifecycle functions."""
    staff = context.staff_by_court[context.busy_court.pk]
    clerk, handler, head = staff["clerk"], staff["handler"], staff["head"]
    if stage == "submitted":
        return
    if stage == "withdrawn":
        services.withdraw(petition.applicant, petition, reason="已与对方和解。")
        return

    services.receive(clerk, petition)
    if stage == "correction":
        services.request_correction(clerk, petition, items=["身份证复印件", "二审判决书"])
    elif stage == "guided":
        services.guide_out(clerk, petition, competent_body="北京市人民检察院", text="请向检察机关申请监督。")
    elif stage == "declined":
        services.decline(clerk, petition, reason="不属于人民法院信访事项受理范围。")
    elif stage == "transferred":
        services.transfer(clerk, petition, to_court=transfer_court, reason="原审法院为基层法院。")
    elif stage != "received":
        services.accept(clerk, petition, department=petition_office(context.busy_court), handler=handler)
        if stage in ("replied", "rated"):
            services.draft_reply(handler, petition, text="经复查，原判决认定事实清楚，适用法律正确。")
            services.submit_reply_for_approval(handler, petition)
            services.approve_reply(head, petition)
        if stage == "rated":
            petition.refresh_from_db()
            services.rate(petition.applicant, petition, level=Rating.Level.BASICALLY_SATISFIED, comment="答复及时。")


def create_domain_petitions(context, rng):
    """File DOMAIN_PETITIONS matters at the busy court and take each to a stage; a third are the bench applicant's."""
    User = get_user_model()
    transfer_court = Court.objects.filter(parent=context.busy_court, is_active=True).order_by("code").first()
    applicants = User.objects.in_bulk(rng.sample(context.applicant_ids, DOMAIN_PETITIONS))
    applicant_list = list(applicants.values())
    for number in range(DOMAIN_PETITIONS):
        applicant = context.bench_applicant if number % 3 == 0 else applicant_list[number]
        kind = Kind.APPEAL if number % 2 == 0 else Kind.COMPLAINT
        petition = services.file_petition(
            applicant,
            idempotency_key=f"bench-domain-{number}",
            kind=kind,
            case_number=f"（2023）京01民终{1000 + number}号" if kind == Kind.APPEAL else "",
            receiving_court=context.busy_court,
            request_text=REQUESTS[number % len(REQUESTS)],
            facts_and_reasons=FACTS[number % len(FACTS)],
        )
        run_domain_stage(context, petition, DOMAIN_STAGES[number % len(DOMAIN_STAGES)], transfer_court)


def chain_templates(context):
    """Return ``{status: [[event fields, …], …]}`` copied from the petitions the lifecycle functions made.

    The actor is kept as a role ("applicant", "clerk", "handler", "head" or
    None for the system) so that a copy gets the actors of its own court.
    """
    staff = context.staff_by_court[context.busy_court.pk]
    roles = {user.pk: role for role, user in staff.items()}
    templates = {}
    petitions = Petition.objects.filter(receiving_court=context.busy_court, transferred_from__isnull=True)
    for petition in petitions.exclude(status=Status.DRAFT).prefetch_related("events"):
        chain = []
        for event in petition.events.all():
            role = "applicant" if event.actor_id == petition.applicant_id else roles.get(event.actor_id)
            chain.append(
                {
                    "role": role,
                    "action": event.action,
                    "old_status": event.old_status,
                    "new_status": event.new_status,
                    "public_message": event.public_message,
                    "internal_note": event.internal_note,
                    "details": event.details,
                }
            )
        templates.setdefault(petition.status, []).append(chain)
    return templates


# Bulk petitions -----------------------------------------------------------


# Submission dates repeat across 100,000 petitions; the calendar functions
# read the database outside their in-memory index, so each result is cached.
cached_working_days = functools.lru_cache(maxsize=None)(add_working_days)
cached_calendar_days = functools.lru_cache(maxsize=None)(add_calendar_days)


class BulkBuilder:
    """Builds bulk petitions, their event chains, replies and ratings with a seeded random source."""

    def __init__(self, context, templates, rng):
        self.context = context
        self.templates = {status: self.consistent(status, chains) for status, chains in templates.items()}
        self.rng = rng
        self.now = timezone.now()
        self.statuses = list(BULK_STATUS_WEIGHTS)
        self.status_weights = list(BULK_STATUS_WEIGHTS.values())
        self.kinds = list(KIND_WEIGHTS)
        self.kind_weights = list(KIND_WEIGHTS.values())
        self.serials = {(c.court_id, c.year): c.last_value for c in TrackingCounter.objects.all()}
        self.departments = {court.pk: petition_office(court).pk for court in context.courts}

    @staticmethod
    def consistent(status, chains):
        # The bulk fields of a replied or closed matter record an acceptance, and
        # guided-out and declined chains have none, so those chains are left out.
        if status in (Status.REPLIED, Status.CLOSED):
            accepted = [chain for chain in chains if any(e["action"] == "accepted" for e in chain)]
            return accepted or chains
        return chains

    def court(self):
        if self.rng.random() < BUSY_SHARE:
            return self.context.busy_court
        return self.rng.choice(self.context.courts[1:])

    def petition(self):
        """Return a new unsaved petition and the event chain template it follows."""
        rng = self.rng
        status = rng.choices(self.statuses, self.status_weights)[0]
        court = self.court()
        applicant_id = rng.choice(self.context.applicant_ids)
        name, masked_id = self.context.profiles[applicant_id]
        kind = rng.choices(self.kinds, self.kind_weights)[0]
        category = rng.choice(list(TYPE_CODE)) if kind == Kind.APPEAL else ""
        low, high = AGE_DAYS[status]
        submitted_at = self.now - timedelta(days=rng.uniform(low, high))

        petition = Petition(
            kind=kind,
            category=category,
            receiving_court=court,
            original_court=court if kind == Kind.APPEAL else None,
            applicant_id=applicant_id,
            applicant_name=name,
            applicant_id_masked=masked_id,
            request_text=rng.choice(REQUESTS),
            facts_and_reasons=rng.choice(FACTS),
            status=status,
            created_at=submitted_at - timedelta(hours=1),
            updated_at=submitted_at,
        )
        if kind == Kind.APPEAL:
            year = rng.randint(2018, 2024)
            petition.case_number = f"（{year}）{court.code}{TYPE_CODE[category]}{rng.randint(1, 9999)}号"
            petition.case_year, petition.case_court_code = year, court.code
            petition.case_type_code = TYPE_CODE[category]
        if status == Status.DRAFT:
            return petition, []

        self.fill_lifecycle(petition, submitted_at)
        template = rng.choice(self.templates[status])
        petition.event_count = len(template)
        return petition, template

    def fill_lifecycle(self, petition, submitted_at):
        """Set the timestamps, deadlines and assignment that the final status implies."""
        rng, status = self.rng, petition.status
        year = local_date(submitted_at).year
        key = (petition.receiving_court.pk, year)
        self.serials[key] = self.serials.get(key, 0) + 1
        petition.tracking_number = format_tracking_number(petition.receiving_court.code, year, self.serials[key])
        petition.submitted_at = submitted_at
        petition.receipt_due = cached_working_days(local_date(submitted_at), 2)
        if status in (Status.SUBMITTED, Status.WITHDRAWN):
            petition.closed_at = submitted_at + timedelta(days=2) if status == Status.WITHDRAWN else None
            return

        petition.received_at = submitted_at + timedelta(hours=rng.uniform(2, 40))
        petition.acceptance_due = cached_calendar_days(local_date(petition.received_at), 15)
        if status == Status.AWAITING_CORRECTION:
            petition.paused_clock = "acceptance"
            petition.paused_on = local_date(petition.received_at) + timedelta(days=1)
            petition.paused_remaining_days = 14
            petition.correction_due = cached_calendar_days(petition.paused_on, 15)
        if status in (Status.RECEIVED, Status.AWAITING_CORRECTION):
            return

        petition.accepted_at = petition.received_at + timedelta(days=rng.uniform(1, 4))
        petition.handling_due = cached_calendar_days(local_date(petition.accepted_at), 60)
        petition.department_id = self.departments[petition.receiving_court.pk]
        petition.handler = self.context.staff_by_court[petition.receiving_court.pk]["handler"]
        if status == Status.ACCEPTED:
            return

        petition.replied_at = petition.accepted_at + timedelta(days=rng.uniform(10, 15))
        petition.rating_due = cached_calendar_days(local_date(petition.replied_at), 30)
        petition.review_request_due = petition.rating_due
        if status == Status.CLOSED:
            petition.closed_at = petition.replied_at + timedelta(days=rng.uniform(1, 30))

    def events(self, petition, template):
        """Return the petition's events, chained and hashed the way ``record_event`` does it."""
        if not template:
            return []
        staff = self.context.staff_by_court[petition.receiving_court_id]
        last_time = petition.closed_at or petition.replied_at or petition.accepted_at or petition.received_at
        last_time = last_time or petition.submitted_at + timedelta(hours=1)
        step = (last_time - petition.submitted_at) / max(len(template) - 1, 1)
        events, prev_hash = [], GENESIS_HASH
        for sequence, fields in enumerate(template, start=1):
            role = fields["role"]
            actor_id = None
            if role == "applicant":
                actor_id = petition.applicant_id
            elif role is not None:
                actor_id = staff[role].pk
            event = Event(
                petition_id=petition.pk,
                sequence=sequence,
                actor_id=actor_id,
                created_at=petition.submitted_at + step * (sequence - 1),
                prev_hash=prev_hash,
                **{name: value for name, value in fields.items() if name != "role"},
            )
            event.hash = event.compute_hash()
            prev_hash = event.hash
            events.append(event)
        return events

    def reply_and_rating(self, petition, template):
        actions = {fields["action"] for fields in template}
        if petition.replied_at is None:
            return None, None
        staff = self.context.staff_by_court[petition.receiving_court_id]
        reply = Reply(
            petition_id=petition.pk,
            status=Reply.Status.APPROVED,
            text="经复查，原判决认定事实清楚，适用法律正确。",
            drafted_by=staff["handler"],
            approved_by=staff["head"],
            approved_at=petition.replied_at,
            created_at=petition.accepted_at,
            updated_at=petition.replied_at,
        )
        rating = None
        if "rated" in actions:
            level = self.rng.choice(Rating.Level.values)
            rating = Rating(
                petition_id=petition.pk, level=level, rated_by_id=petition.applicant_id, created_at=petition.closed_at
            )
        return reply, rating

    def save_counters(self):
        for (court_id, year), last_value in self.serials.items():
            TrackingCounter.objects.update_or_create(court_id=court_id, year=year, defaults={"last_value": last_value})


def insert_bulk(builder, count):
    """Insert ``count`` petitions in batches with their events, replies and ratings."""
    done = 0
    while done < count:
        size = min(BATCH_SIZE, count - done)
        with transaction.atomic():
            rows = [builder.petition() for _ in range(size)]
            Petition.objects.bulk_create([petition for petition, _template in rows])
            events, replies, ratings = [], [], []
            for petition, template in rows:
                events.extend(builder.events(petition, template))
                reply, rating = builder.reply_and_rating(petition, template)
                replies += [reply] if reply else []
                ratings += [rating] if rating else []
            Event.objects.bulk_create(events, batch_size=BATCH_SIZE)
            Reply.objects.bulk_create(replies, batch_size=BATCH_SIZE)
            Rating.objects.bulk_create(ratings, batch_size=BATCH_SIZE)
        done += size
        if done % 20_000 < BATCH_SIZE:
            print(f"  {done:,} bulk petitions inserted", flush=True)
    builder.save_counters()


def fill(total, seed):
    rng = random.Random(seed)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_reference_data()
    busy, courts = choose_courts(rng)
    staff = create_staff(busy, courts)
    applicant_ids, profiles = create_applicants(max(total // 4, DOMAIN_PETITIONS), rng)
    context = FillContext(busy, courts, staff, applicant_ids, profiles, create_bench_applicant())
    print(f"Reference data, {len(staff)} courts' staff and {len(applicant_ids):,} applicants ready.", flush=True)

    create_domain_petitions(context, rng)
    domain_count = Petition.objects.count()
    print(f"{domain_count} petitions made through the lifecycle functions.", flush=True)

    insert_bulk(BulkBuilder(context, chain_templates(context), rng), total - domain_count)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    write_fill_marker(total, seed)
    print(f"Filled {total:,} petitions in {time.perf_counter() - started:.0f} s.", flush=True)


def ensure_filled(args):
    """Fill the database unless it already contains a finished fill of the same size and seed."""
    call_command("migrate", verbosity=0)
    marker = fill_marker()
    if marker == (args.petitions, args.seed, FILL_VERSION):
        print(f"Reusing the filled database ({args.petitions:,} petitions); pass --refill to rebuild it.")
        return
    if marker is not None or Petition.objects.exists():
        sys.exit(
            f"The database holds another fill (petitions, seed, version = {marker}). "
            "Pass --refill to drop it and fill it again."
        )
    fill(args.petitions, args.seed)
