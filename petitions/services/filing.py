"""Filing by the applicant or agent: drafts, submission, withdrawal."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from workdays.calendar import local_date
from workdays.deadlines import Clock, compute_deadline

from accounts.models import ApplicantProfile
from courts.case_numbers import CaseNumberError, parse_case_number
from courts.models import Court
from notifications.texts import NoticeText
from petitions.errors import ConcurrentChange, InvalidTransition, NotAllowed, ValidationFailed
from petitions.models import WITHDRAWABLE_STATUSES, Attachment, Category, Kind, Petition, Status
from petitions.permissions import require_party
from petitions.services.agent_filing import text_applicant_about_agent_filing
from petitions.services.base import notify_on_commit, transition
from petitions.tracking import next_tracking_number

# Fields a party may write while the matter is a draft.
DRAFT_FIELDS = (
    "kind",
    "category",
    "case_number",
    "original_court",
    "receiving_court",
    "request_text",
    "facts_and_reasons",
)
MAX_REQUEST_LENGTH = 1000
MAX_FACTS_LENGTH = 20000
# Kinds that are about a court case and so need its number and category.
CASE_KINDS = (Kind.APPEAL, Kind.REVIEW)


def save_draft(actor, petition=None, *, applicant=None, idempotency_key="", **fields):
    """Create a draft (``petition`` None) or update one; return the draft.

    ``actor`` files for themselves, or as agent for ``applicant``. A draft
    accepts incomplete input: everything is checked on submit. Creating
    twice with the same ``idempotency_key`` returns the first draft (or the
    matter it became) instead of a second one. Raises NotAllowed,
    InvalidTransition (no longer a draft) or ValidationFailed (unknown
    choice, text too long).
    """
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"save_draft() got unexpected fields: {sorted(unknown)}")
    _check_draft_fields(fields)

    if petition is None:
        return _create_draft(actor, applicant, idempotency_key, fields)

    require_party(actor, petition)
    if petition.status != Status.DRAFT:
        raise InvalidTransition()
    return _update_draft(petition, fields)


def _create_draft(actor, applicant, idempotency_key, fields):
    applicant = applicant or actor
    agent = actor if applicant.pk != actor.pk else None
    if not actor.is_authenticated:
        raise NotAllowed()

    if idempotency_key:
        existing = Petition.objects.filter(applicant=applicant, idempotency_key=idempotency_key).first()
        if existing is not None:
            require_party(actor, existing)
            return _update_draft(existing, fields) if existing.status == Status.DRAFT else existing

    petition = Petition(applicant=applicant, agent=agent, idempotency_key=idempotency_key)
    _apply_fields(petition, fields)
    try:
        with transaction.atomic():
            petition.save()
    except IntegrityError:
        # A concurrent request with the same key created it first.
        return Petition.objects.get(applicant=applicant, idempotency_key=idempotency_key)
    return petition


def _update_draft(petition, fields):
    _apply_fields(petition, fields)
    petition.updated_at = timezone.now()
    # Drafts carry no event trace, but the version still guards two open tabs.
    updated = Petition.objects.filter(
        pk=petition.pk, status=Status.DRAFT, version=petition.version
    ).update(version=petition.version + 1, **_draft_values(petition))
    if updated != 1:
        raise ConcurrentChange()
    petition.version += 1
    return petition


def _draft_values(petition):
    names = [
        "kind",
        "category",
        "case_number",
        "case_year",
        "case_court_code",
        "case_type_code",
        "original_court",
        "receiving_court",
        "request_text",
        "facts_and_reasons",
        "updated_at",
    ]
    return {name: getattr(petition, name) for name in names}


def _check_draft_fields(fields):
    errors = []
    if fields.get("kind") and fields["kind"] not in Kind.values:
        errors.append(("kind", _("Choose the kind of matter from the list."), "invalid_choice"))
    if fields.get("category") and fields["category"] not in Category.values:
        errors.append(("category", _("Choose the case category from the list."), "invalid_choice"))
    for name in ("original_court", "receiving_court"):
        court = fields.get(name)
        if court is not None and not isinstance(court, Court):
            raise TypeError(f"{name} must be a Court or None")
    if len(fields.get("request_text") or "") > MAX_REQUEST_LENGTH:
        message = _("Keep the request to %(max)s characters; put the details under facts and reasons.")
        errors.append(("request_text", message % {"max": MAX_REQUEST_LENGTH}, "too_long"))
    if len(fields.get("facts_and_reasons") or "") > MAX_FACTS_LENGTH:
        message = _("Facts and reasons may be at most %(max)s characters; attach longer texts as a file.")
        errors.append(("facts_and_reasons", message % {"max": MAX_FACTS_LENGTH}, "too_long"))
    if errors:
        raise ValidationFailed.from_list(errors)


def _apply_fields(petition, fields):
    for name, value in fields.items():
        # Text fields store "" for nothing; the court fields store None.
        if value is None and name not in ("original_court", "receiving_court"):
            value = ""
        setattr(petition, name, value)
    if "case_number" in fields:
        _apply_case_number(petition)


def _apply_case_number(petition):
    """Fill the parsed parts from the typed case number; keep the text even when it does not parse."""
    petition.case_year = None
    petition.case_court_code = ""
    petition.case_type_code = ""
    text = (petition.case_number or "").strip()
    if not text:
        return
    try:
        parsed = parse_case_number(text)
    except CaseNumberError:
        return

    petition.case_number = parsed.normalised
    petition.case_year = parsed.year
    petition.case_court_code = parsed.court_code
    petition.case_type_code = parsed.type_code
    if not petition.category and parsed.category in Category.values:
        petition.category = parsed.category
    if petition.original_court_id is None and parsed.court is not None:
        petition.original_court = parsed.court


def submission_errors(petition):
    """Return every reason the draft cannot be submitted yet, as (field, message, code)."""
    errors = []
    profile = ApplicantProfile.objects.filter(user_id=petition.applicant_id).first()
    if profile is None or not profile.is_complete:
        message = _("Complete the applicant's real-name information (name, ID number, address) first.")
        errors.append(("applicant", message, "profile_incomplete"))
    if not petition.kind:
        errors.append(("kind", _("Choose the kind of matter."), "required"))
    if petition.receiving_court_id is None:
        errors.append(("receiving_court", _("Choose the court that should receive the matter."), "required"))
    if not petition.request_text.strip():
        errors.append(("request_text", _("Write what you are asking the court to do."), "required"))
    if not petition.facts_and_reasons.strip():
        errors.append(("facts_and_reasons", _("Write the facts and reasons."), "required"))
    if petition.kind in CASE_KINDS:
        errors.extend(_case_errors(petition))
    if petition.agent_id and not petition.attachments.filter(kind=Attachment.Kind.POWER_OF_ATTORNEY).exists():
        message = _("Upload the power of attorney signed by the applicant.")
        errors.append(("files", message, "power_of_attorney_missing"))
    return errors


def _case_errors(petition):
    if not petition.case_number:
        return [("case_number", _("Enter the case number, for example （2023）京01民终1234号."), "required")]
    try:
        parse_case_number(petition.case_number)
    except CaseNumberError as error:
        return [("case_number", str(error), error.code)]
    if not petition.category:
        return [("category", _("Choose the case category."), "required")]
    return []


def submit(actor, petition, *, idempotency_key=""):
    """Submit a draft: give it a tracking number and the receipt deadline; return it.

    When ``idempotency_key`` matches a matter of this applicant that is
    already submitted (a double click, a retried request), that matter is
    returned unchanged. Raises NotAllowed, InvalidTransition or
    ValidationFailed listing every missing item.
    """
    require_party(actor, petition)
    key = idempotency_key
    if key:
        existing = _submitted_with_key(petition.applicant_id, key)
        if existing is not None:
            return existing

    try:
        return _submit(actor, petition, key or petition.idempotency_key)
    except (IntegrityError, ConcurrentChange):
        # A concurrent request with the same key (a double click) won the race.
        existing = _submitted_with_key(petition.applicant_id, key) if key else None
        if existing is None:
            raise
        return existing


def _submitted_with_key(applicant_id, key):
    return (
        Petition.objects.filter(applicant_id=applicant_id, idempotency_key=key)
        .exclude(status=Status.DRAFT)
        .first()
    )


@transaction.atomic
def _submit(actor, petition, key):
    if petition.status != Status.DRAFT:
        raise InvalidTransition()
    errors = submission_errors(petition)
    if errors:
        raise ValidationFailed.from_list(errors)

    profile = ApplicantProfile.objects.get(user_id=petition.applicant_id)
    now = timezone.now()
    receipt = compute_deadline(Clock.RECEIPT, now)
    tracking_number = next_tracking_number(petition.receiving_court, local_date(now).year)
    transition(
        petition,
        actor,
        "submitted",
        from_statuses=[Status.DRAFT],
        to_status=Status.SUBMITTED,
        changes={
            "tracking_number": tracking_number,
            "submitted_at": now,
            "receipt_due": receipt.due,
            "deadlines_provisional": receipt.provisional,
            "applicant_name": profile.real_name,
            "applicant_id_masked": profile.masked_id_number,
            "idempotency_key": key,
        },
        public_message=_("Your matter was submitted with tracking number %(number)s.")
        % {"number": tracking_number},
    )

    title = NoticeText(gettext_noop("Matter submitted"))
    body = NoticeText(
        gettext_noop("Your matter %(number)s was submitted. The court will register it by %(due)s."),
        number=tracking_number,
        due=receipt.due,
    )
    notify_on_commit(petition.parties(), title, body, petition, sms=False)
    text_applicant_about_agent_filing(petition)
    return petition


def file_petition(actor, *, idempotency_key, applicant=None, **fields):
    """Create and submit in one call (for API clients); safe to retry with the same key."""
    petition = save_draft(actor, applicant=applicant, idempotency_key=idempotency_key, **fields)
    if petition.status != Status.DRAFT:
        return petition
    return submit(actor, petition, idempotency_key=idempotency_key)


@transaction.atomic
def withdraw(actor, petition, *, reason=""):
    """Withdraw the matter at any stage before the reply; return it."""
    require_party(actor, petition)
    transition(
        petition,
        actor,
        "withdrawn",
        from_statuses=WITHDRAWABLE_STATUSES,
        to_status=Status.WITHDRAWN,
        changes={"closed_at": timezone.now()},
        public_message=_("You withdrew the matter."),
        internal_note=reason,
        details={"reason": reason} if reason else None,
    )

    if petition.tracking_number:
        recipients = [petition.handler] if petition.handler_id else []
        title = NoticeText(gettext_noop("Matter withdrawn"))
        body = NoticeText(gettext_noop("The applicant withdrew matter %(number)s."), number=petition.tracking_number)
        notify_on_commit(recipients, title, body, petition, sms=False)
    return petition


@transaction.atomic
def discard_draft(actor, petition):
    """Set aside a draft the party no longer wants; return it.

    The draft moves to withdrawn with an event and keeps its content and
    files, but it never reached a court, so no one is notified. Raises
    NotAllowed, or InvalidTransition once the matter was submitted.
    """
    require_party(actor, petition)
    transition(
        petition,
        actor,
        "draft_discarded",
        from_statuses=(Status.DRAFT,),
        to_status=Status.WITHDRAWN,
        changes={"closed_at": timezone.now()},
        public_message=_("You discarded the draft."),
    )
    return petition
