"""Reading petitions: who sees what, the staff queues and the timelines."""

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.http import Http404
from django.utils import timezone
from workdays.calendar import local_date

from accounts import access
from petitions.models import INTAKE_STATUSES, Event, Kind, Petition, Reply, Status, queue_due_expression

HANDLER_STATUSES = (Status.ACCEPTED, Status.AWAITING_CORRECTION)


def visible_petitions(user):
    """Return the petitions ``user`` may see.

    Applicants see their own and agents those filed through them, drafts
    included. Staff doing casework see their court's submitted matters (a
    supervisor also those of the courts below); analysts see no individual
    matter; anyone else sees none.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return Petition.objects.none()

    membership = access.staff_membership(user)
    if membership is not None:
        if not access.can_see_personal_data(user):
            return Petition.objects.none()
        return Petition.objects.filter(access.court_filter(user)).exclude(status=Status.DRAFT)
    return Petition.objects.filter(Q(applicant=user) | Q(agent=user))


def get_petition_for(user, pk_or_tracking):
    """Return the petition by primary key or tracking number if ``user`` may see it, else raise Http404."""
    ref = str(pk_or_tracking).strip()
    lookup = {"pk": int(ref)} if ref.isdigit() else {"tracking_number": ref}
    petition = (
        visible_petitions(user)
        .select_related("receiving_court", "original_court", "department", "handler", "applicant", "agent")
        .filter(**lookup)
        .first()
    )
    if petition is None:
        raise Http404("No such matter.")
    return petition


def _today():
    return local_date(timezone.now())


def with_queue_due(queryset):
    """Annotate ``queue_due`` (the deadline of the current state) and ``overdue`` (1 or 0)."""
    queue_due = queue_due_expression()
    overdue = Case(
        When(queue_due__lt=_today(), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return queryset.annotate(queue_due=queue_due).annotate(overdue=overdue)


def intake_queue(court, filters=None):
    """Return the court's matters awaiting intake work, overdue first, then by deadline.

    ``filters`` may hold ``status`` (one of the intake states), ``kind``,
    ``category``, ``overdue_only`` (bool) and ``query`` (part of a tracking
    number or the applicant's name). The caller paginates.
    """
    filters = filters or {}
    statuses = [filters["status"]] if filters.get("status") in INTAKE_STATUSES else INTAKE_STATUSES
    queryset = Petition.objects.filter(receiving_court=court, status__in=statuses)
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("category"):
        queryset = queryset.filter(category=filters["category"])
    if filters.get("query"):
        text = filters["query"].strip()
        queryset = queryset.filter(Q(tracking_number__icontains=text) | Q(applicant_name__icontains=text))

    queryset = with_queue_due(queryset)
    if filters.get("overdue_only"):
        queryset = queryset.filter(queue_due__lt=_today())
    # Overdue matters are those with the earliest deadlines, so the deadline
    # order (empty deadlines last) already lists them first. Unlike a sort on
    # the overdue flag, it matches the petition_intake_order index, from which
    # PostgreSQL reads the first page without sorting the court's whole queue.
    return queryset.select_related("receiving_court").order_by(F("queue_due").asc(nulls_last=True), "pk")


def handler_queue(user):
    """Return the matters assigned to ``user``, overdue first, then by deadline."""
    queryset = Petition.objects.filter(handler=user, status__in=HANDLER_STATUSES)
    return with_queue_due(queryset).select_related("receiving_court").order_by("-overdue", "queue_due", "pk")


def approval_queue(user):
    """Return the matters whose reply awaits this department head's approval."""
    membership = access.staff_membership(user)
    if membership is None or not membership.has_role("department_head"):
        return Petition.objects.none()

    queryset = Petition.objects.filter(
        receiving_court_id=membership.court_id,
        status=Status.ACCEPTED,
        replies__status=Reply.Status.PENDING_APPROVAL,
    )
    if membership.department_id is not None:
        queryset = queryset.filter(department_id=membership.department_id)
    return with_queue_due(queryset).distinct().order_by("-overdue", "queue_due", "pk")


def public_timeline(petition):
    """Return the events the applicant sees: those with a public message, oldest first."""
    return Event.objects.filter(petition=petition).exclude(public_message="").order_by("sequence")


def staff_timeline(petition):
    """Return every event with its actor, oldest first."""
    return Event.objects.filter(petition=petition).select_related("actor").order_by("sequence")


def applicant_court_ids(subject_user):
    """Return the ids of the courts holding a submitted matter of ``subject_user``.

    Registered with ``accounts.access`` so staff there may open the applicant's profile.
    """
    matters = Petition.objects.filter(Q(applicant=subject_user) | Q(agent=subject_user))
    return matters.exclude(status=Status.DRAFT).values_list("receiving_court_id", flat=True).distinct()


def court_matters(user, court=None, filters=None):
    """Return every submitted matter ``user`` may see, in any state, newest first.

    ``court`` narrows the list to one court (a supervisor otherwise sees the
    courts below too). ``filters`` may hold ``status`` (one state), ``kind``,
    ``category``, ``overdue_only`` (bool) and ``query`` (part of a tracking
    number, a case number or the applicant's name). The caller paginates.
    """
    filters = filters or {}
    queryset = visible_petitions(user)
    if court is not None:
        queryset = queryset.filter(receiving_court=court)
    if filters.get("status") in Status.values:
        queryset = queryset.filter(status=filters["status"])
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("category"):
        queryset = queryset.filter(category=filters["category"])
    if filters.get("query"):
        queryset = queryset.filter(_matter_search(filters["query"]))

    queryset = with_queue_due(queryset)
    if filters.get("overdue_only"):
        queryset = queryset.filter(queue_due__lt=_today())
    return queryset.select_related("receiving_court").order_by("-submitted_at", "-pk")


def _matter_search(text):
    """Return a Q matching part of a tracking number, case number or applicant's name.

    A complete case number typed with half-width brackets also matches its
    stored normalised form.
    """
    from courts.case_numbers import CaseNumberError, parse_case_number

    text = text.strip()
    found = Q(tracking_number__icontains=text) | Q(case_number__icontains=text) | Q(applicant_name__icontains=text)
    try:
        found |= Q(case_number=parse_case_number(text).normalised)
    except CaseNumberError:
        pass
    return found


def open_correction(petition):
    """Return the correction notice the applicant still has to answer, or None."""
    if petition.status != Status.AWAITING_CORRECTION:
        return None
    return petition.correction_notices.filter(answered_at__isnull=True).order_by("-pk").first()


def final_reply(petition):
    """Return the approved reply of a replied or closed matter, or None."""
    if petition.status not in (Status.REPLIED, Status.CLOSED):
        return None
    replies = petition.replies.filter(status=Reply.Status.APPROVED).select_related("document")
    return replies.order_by("-pk").first()


def review_allowed(petition, on_date):
    """Tell whether to offer a review request; the domain function still decides on submission."""
    if petition.kind == Kind.REVIEW or petition.status not in (Status.REPLIED, Status.CLOSED):
        return False
    if petition.review_request_due is None or on_date > petition.review_request_due:
        return False
    return not petition.reviews.exclude(status=Status.WITHDRAWN).exists()

