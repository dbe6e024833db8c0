"""After the reply: rating, closing and the request for review."""

import logging

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from workdays.calendar import local_date
from workdays.deadlines import Clock, compute_deadline

from accounts.roles import Role
from petitions.errors import ConcurrentChange, InvalidTransition, ValidationFailed
from petitions.events import record_event
from petitions.models import Kind, Petition, Rating, Status
from petitions.permissions import require_party, require_staff
from petitions.services.base import notify_on_commit, today, transition
from petitions.services.filing import MAX_FACTS_LENGTH, MAX_REQUEST_LENGTH
from petitions.tracking import next_tracking_number

logger = logging.getLogger(__name__)


@transaction.atomic
def rate(actor, petition, *, level, comment=""):
    """Rate the reply once, within the rating period; the matter closes. Returns the Rating."""
    require_party(actor, petition)
    if Rating.objects.filter(petition=petition).exists():
        raise InvalidTransition(_("This reply has already been rated."), code="already_rated")
    if petition.status != Status.REPLIED:
        raise InvalidTransition()
    if today() > petition.rating_due:
        raise InvalidTransition(_("The period for rating this reply has ended."), code="rating_period_over")
    if level not in Rating.Level.values:
        raise ValidationFailed("level", _("Choose one of the ratings."), code="invalid_choice")

    try:
        with transaction.atomic():
            rating = Rating.objects.create(petition=petition, level=level, comment=comment.strip(), rated_by=actor)
    except IntegrityError:
        raise InvalidTransition(_("This reply has already been rated."), code="already_rated") from None

    transition(
        petition,
        actor,
        "rated",
        from_statuses=[Status.REPLIED],
        to_status=Status.CLOSED,
        changes={"closed_at": timezone.now()},
        public_message=_("You rated the reply: %(level)s.") % {"level": rating.get_level_display()},
        details={"level": level},
    )

    notify_on_commit(
        [petition.handler],
        _("Reply rated"),
        _("Matter %(number)s was rated: %(level)s.")
        % {"number": petition.tracking_number, "level": rating.get_level_display()},
        petition,
        sms=False,
    )
    return rating


@transaction.atomic
def close(actor, petition):
    """Close a replied matter whose rating period has ended without a rating.

    ``actor`` is None for the scheduled task, or a department head of the
    receiving court.
    """
    if actor is not None:
        require_staff(actor, petition, Role.DEPARTMENT_HEAD)
    if petition.status != Status.REPLIED:
        raise InvalidTransition()
    if petition.rating_due is not None and today() <= petition.rating_due:
        raise InvalidTransition(_("The rating period has not ended yet."), code="rating_period_open")

    transition(
        petition,
        actor,
        "closed",
        from_statuses=[Status.REPLIED],
        to_status=Status.CLOSED,
        changes={"closed_at": timezone.now()},
        public_message=_("The matter was closed because the rating period ended."),
    )
    return petition


@transaction.atomic
def request_review(actor, original, *, request_text, facts_and_reasons, idempotency_key=""):
    """Ask for a review (复查) of the reply within the review period; return the new petition.

    The review is filed with the court above the one that replied (or the
    same court when there is none above), as a submitted matter of kind
    ``review`` linked by ``review_of``. One review per matter.
    """
    require_party(actor, original)
    if idempotency_key:
        existing = Petition.objects.filter(applicant=original.applicant, idempotency_key=idempotency_key).first()
        if existing is not None and existing.review_of_id == original.pk:
            return existing
    _check_review_allowed(original)
    _check_review_texts(request_text, facts_and_reasons)

    court = original.receiving_court.parent or original.receiving_court
    now = timezone.now()
    receipt = compute_deadline(Clock.RECEIPT, now)
    review = Petition.objects.create(
        kind=Kind.REVIEW,
        category=original.category,
        case_number=original.case_number,
        case_year=original.case_year,
        case_court_code=original.case_court_code,
        case_type_code=original.case_type_code,
        original_court=original.original_court,
        receiving_court=court,
        applicant=original.applicant,
        agent=original.agent,
        applicant_name=original.applicant_name,
        applicant_id_masked=original.applicant_id_masked,
        request_text=request_text.strip(),
        facts_and_reasons=facts_and_reasons.strip(),
        status=Status.SUBMITTED,
        tracking_number=next_tracking_number(court, local_date(now).year),
        submitted_at=now,
        receipt_due=receipt.due,
        deadlines_provisional=receipt.provisional,
        review_of=original,
        idempotency_key=idempotency_key,
    )
    record_event(
        review,
        actor,
        "review_requested",
        new_status=Status.SUBMITTED,
        public_message=_("Review of matter %(number)s requested; tracking number %(new)s.")
        % {"number": original.tracking_number, "new": review.tracking_number},
        details={"review_of": original.pk},
    )
    record_event(
        original,
        actor,
        "review_requested",
        old_status=original.status,
        new_status=original.status,
        public_message=_("You asked for a review; it has tracking number %(new)s.") % {"new": review.tracking_number},
        details={"review": review.pk},
    )

    notify_on_commit(
        review.parties(),
        _("Review requested"),
        _("Your request for review was submitted with tracking number %(number)s.")
        % {"number": review.tracking_number},
        review,
        sms=False,
    )
    return review


def _check_review_allowed(original):
    if original.kind == Kind.REVIEW:
        message = _("A review decision cannot be reviewed again here.")
        raise InvalidTransition(message, code="review_of_review")
    if original.status not in (Status.REPLIED, Status.CLOSED) or original.review_request_due is None:
        raise InvalidTransition()
    if today() > original.review_request_due:
        message = _("The period for requesting a review ended on %(due)s.") % {
            "due": formats.date_format(original.review_request_due)
        }
        raise InvalidTransition(message, code="review_period_over")
    if original.reviews.exclude(status=Status.WITHDRAWN).exists():
        raise InvalidTransition(_("A review of this matter was already requested."), code="review_exists")


def _check_review_texts(request_text, facts_and_reasons):
    errors = []
    if not (request_text or "").strip():
        errors.append(("request_text", _("Write what you are asking the court to do."), "required"))
    elif len(request_text) > MAX_REQUEST_LENGTH:
        message = _("Keep the request to %(max)s characters; put the details under facts and reasons.")
        errors.append(("request_text", message % {"max": MAX_REQUEST_LENGTH}, "too_long"))
    if not (facts_and_reasons or "").strip():
        errors.append(("facts_and_reasons", _("Write why the reply should be reviewed."), "required"))
    elif len(facts_and_reasons) > MAX_FACTS_LENGTH:
        message = _("Facts and reasons may be at most %(max)s characters; attach longer texts as a file.")
        errors.append(("facts_and_reasons", message % {"max": MAX_FACTS_LENGTH}, "too_long"))
    if errors:
        raise ValidationFailed.from_list(errors)


def close_unrated(today_=None):
    """Close every replied matter whose rating period ended; return how many closed.

    Safe on several workers at once: each close is a conditional update, and
    a worker that loses the race skips the matter.
    """
    cutoff = today_ or today()
    closed = 0
    due = Petition.objects.filter(status=Status.REPLIED, rating_due__lt=cutoff).order_by("rating_due", "pk")
    for petition in due.iterator(chunk_size=500):
        try:
            close(None, petition)
        except (ConcurrentChange, InvalidTransition):
            logger.info("Petition %s changed while closing; skipped", petition.pk)
            continue
        closed += 1
    logger.info("Closed %s matters whose rating period ended", closed)
    return closed
