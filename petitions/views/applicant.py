"""Pages of the applicant and the agent: filing, "my matters", progress and the steps after the reply."""

import logging
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import profile_required
from accounts.profiles import register_client
from courts.case_numbers import CaseNumberError, parse_case_number
from courts.models import Court
from courts.registry import search_courts as find_courts
from courts.routing import suggest_receiving_courts
from petitions import services
from petitions.attachments import add_attachments, upload_help_text
from petitions.errors import ConcurrentChange, InvalidTransition, NotAllowed, PetitionError, ValidationFailed
from petitions.forms.applicant import (
    FILE_FIELD_BY_KIND,
    FilingForm,
    RatingForm,
    ReviewRequestForm,
    SupplementForm,
    WithdrawForm,
)
from petitions.models import OPEN_STATUSES, Attachment, Rating, Status
from petitions.permissions import is_party
from petitions.queries import (
    final_reply,
    get_petition_for,
    open_correction,
    public_timeline,
    review_allowed,
    visible_petitions,
)
from petitions.views.common import add_domain_errors, progress, today

logger = logging.getLogger(__name__)

MATTERS_PER_PAGE = 10
MAX_LISTED_DRAFTS = 50
# The domain reports a missing power of attorney on "files", which is one upload field here.
FILING_FIELD_MAP = {"files": FILE_FIELD_BY_KIND[Attachment.Kind.POWER_OF_ATTORNEY]}


def party_petition(user, pk):
    """Return the petition if ``user`` is its applicant or agent; everyone else gets 404."""
    petition = get_petition_for(user, pk)
    if not is_party(user, petition):
        raise Http404("No such matter.")
    return petition


# Filing ------------------------------------------------------------------


@profile_required
@require_http_methods(["GET", "POST"])
def file_petition(request):
    """Show a new filing form, or save it as a draft, submit it, or autosave it (JSON)."""
    if request.method == "POST":
        if request.POST.get("action") == "autosave":
            return _autosave(request, None)
        already = _submitted_with_key(request.user, request.POST.get("idempotency_key", ""))
        if already is not None:
            return redirect("petitions:submitted", already.pk)
        return _handle_filing(request, None)

    drafts = _own_drafts(request.user)
    if drafts and "new" not in request.GET:
        # Offer the unfinished drafts first, so a second visit does not start yet another one.
        context = {"drafts": drafts, "kind": request.GET.get("kind", "")}
        return render(request, "petitions/applicant/drafts_choice.html", context)

    initial = {"idempotency_key": uuid.uuid4().hex, "kind": request.GET.get("kind", "")}
    form = FilingForm(initial=initial, actor=request.user)
    return _render_filing(request, form, None)


def _own_drafts(user):
    own = visible_petitions(user).filter(Q(applicant=user) | Q(agent=user))
    return list(own.filter(status=Status.DRAFT).order_by("-updated_at")[:MAX_LISTED_DRAFTS])


@profile_required
@require_http_methods(["GET", "POST"])
def edit_draft(request, pk):
    petition = party_petition(request.user, pk)
    if request.method == "POST" and request.POST.get("action") == "discard":
        return _discard(request, petition)
    if petition.status != Status.DRAFT:
        return _already_submitted(request, petition)
    if request.method == "POST":
        return _handle_filing(request, petition)

    choices = _court_choices(petition.case_number, petition.receiving_court_id, "")
    form = FilingForm(initial=_draft_initial(petition), actor=request.user, petition=petition, court_choices=choices)
    return _render_filing(request, form, petition)


@require_POST
@login_required
def autosave(request, pk):
    petition = party_petition(request.user, pk)
    if petition.status != Status.DRAFT:
        return _json_error("not_draft", _("This matter was already submitted."), status=409)
    return _autosave(request, petition)


def _discard(request, petition):
    """Ask for confirmation first, then discard the draft on the confirmed POST."""
    if request.POST.get("confirm") != "yes":
        if petition.status != Status.DRAFT:
            return _already_submitted(request, petition)
        return render(request, "petitions/applicant/discard_confirm.html", {"petition": petition})
    try:
        services.discard_draft(request.user, petition)
    except InvalidTransition:
        messages.error(request, _("This matter was already submitted, so it is no longer a draft."))
        return redirect("petitions:detail", petition.pk)
    except PetitionError as error:
        messages.error(request, error.message)
        return redirect("petitions:my_matters")
    messages.success(request, _("The draft was discarded. It no longer appears in your matters."))
    return redirect("petitions:my_matters")


def _submitted_with_key(user, key):
    # A double click or a retried request must land on the matter it already filed.
    if not key:
        return None
    return visible_petitions(user).filter(idempotency_key=key).exclude(status=Status.DRAFT).first()


def _already_submitted(request, petition):
    if request.method == "POST" and request.POST.get("idempotency_key") == petition.idempotency_key:
        return redirect("petitions:submitted", petition.pk)
    messages.info(request, _("This matter was already submitted; here is its progress."))
    return redirect("petitions:detail", petition.pk)


def _draft_initial(petition):
    initial = {
        "idempotency_key": petition.idempotency_key or uuid.uuid4().hex,
        "kind": petition.kind,
        "category": petition.category,
        "case_number": petition.case_number,
        "receiving_court": petition.receiving_court_id,
        "request_text": petition.request_text,
        "facts_and_reasons": petition.facts_and_reasons,
    }
    if petition.agent_id is not None:
        profile = getattr(petition.applicant, "applicant_profile", None)
        initial["on_behalf"] = True
        initial["applicant_name"] = petition.applicant.display_name
        initial["applicant_id_type"] = profile.id_type if profile else ""
        initial["applicant_id_number"] = profile.masked_id_number if profile else ""
    return initial


def _bound_filing_form(request, petition, data=None, *, with_files=True):
    data = request.POST if data is None else data
    choices = _court_choices(data.get("case_number", ""), data.get("receiving_court", ""), data.get("court_query", ""))
    files = request.FILES if with_files else None
    return FilingForm(data, files, actor=request.user, petition=petition, court_choices=choices)


def _handle_filing(request, petition):
    form = _bound_filing_form(request, petition)
    if not form.is_valid():
        return _render_filing(request, form, petition)
    try:
        petition = _save_draft(request.user, form, petition)
    except ValidationError as error:
        form.add_client_errors(error)
        return _render_filing(request, form, petition)
    except ValidationFailed as error:
        add_domain_errors(form, error)
        return _render_filing(request, form, petition)
    except ConcurrentChange as error:
        form.add_error(None, ValidationError(error.message, code=error.code))
        return _render_filing(request, form, petition)
    if petition.status != Status.DRAFT:
        return redirect("petitions:submitted", petition.pk)

    _store_uploads(request.user, petition, form)
    _check_case_number(form, petition)
    if form.errors:
        return _render_filing(request, form, petition, saved=True)

    if request.POST.get("action") == "submit":
        return _submit(request, form, petition)
    messages.success(request, _("Draft saved. You can come back to it at any time under “My matters”."))
    return redirect("petitions:edit_draft", petition.pk)


def _save_draft(user, form, petition):
    """Save the form as a draft; a new agent filing first finds or registers the applicant.

    Raises ValidationError from ``register_client`` about the applicant fields.
    """
    fields = form.draft_fields()
    if petition is not None:
        return services.save_draft(user, petition, **fields)

    key = form.cleaned_data["idempotency_key"]
    # One transaction, so a draft that fails to save leaves no client account behind.
    with transaction.atomic():
        applicant = register_client(user, **form.client_details()) if form.files_for_client() else None
        return services.save_draft(user, applicant=applicant, idempotency_key=key, **fields)


def _store_uploads(user, petition, form):
    """Store the files of each kind; a rejected file is reported next to its upload field."""
    for name, kind, files in form.uploads():
        try:
            add_attachments(user, petition, files, kind=kind)
        except ValidationFailed as error:
            add_domain_errors(form, error, {"files": name})


def _check_case_number(form, petition):
    # A draft keeps a case number that does not parse, so the form reports it now instead of on submit.
    if not petition.case_number or petition.case_year is not None:
        return
    try:
        parse_case_number(petition.case_number)
    except CaseNumberError as error:
        form.add_error("case_number", ValidationError(str(error), code=error.code))


def _submit(request, form, petition):
    key = form.cleaned_data["idempotency_key"]
    try:
        petition = services.submit(request.user, petition, idempotency_key=key)
    except ValidationFailed as error:
        add_domain_errors(form, error, FILING_FIELD_MAP)
        return _render_filing(request, form, petition, saved=True)
    except (InvalidTransition, ConcurrentChange) as error:
        form.add_error(None, ValidationError(error.message, code=error.code))
        return _render_filing(request, form, petition, saved=True)

    logger.info("Petition %s submitted through the web form", petition.pk)
    return redirect("petitions:submitted", petition.pk)


def _autosave(request, petition):
    # The court search box is left out because a half-typed search must not block the autosave.
    data = request.POST.copy()
    data["court_query"] = ""
    form = _bound_filing_form(request, petition, data, with_files=False)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    if form.files_for_client():
        # Half-typed details must not create or pick an applicant account; the agent saves by hand first.
        message = _("Press “Save draft” to save a matter filed for someone else for the first time.")
        return _json_error("agent_draft_not_saved", message, status=409)
    try:
        petition = _save_draft(request.user, form, petition)
    except ValidationFailed as error:
        return JsonResponse({"errors": _error_json(error)}, status=400)
    except ConcurrentChange as error:
        return _json_error(error.code, error.message, status=409)
    if petition.status != Status.DRAFT:
        return _json_error("not_draft", _("This matter was already submitted."), status=409)

    saved_at = timezone.localtime(petition.updated_at)
    return JsonResponse(
        {
            "saved_at": saved_at.isoformat(),
            "message": _("Draft saved automatically at %(time)s.") % {"time": formats.time_format(saved_at, "H:i")},
            "edit_url": reverse("petitions:edit_draft", args=[petition.pk]),
            "autosave_url": reverse("petitions:autosave", args=[petition.pk]),
        }
    )


def _error_json(error):
    errors = {}
    for field, message, code in error.errors:
        errors.setdefault(field, []).append({"message": str(message), "code": code})
    return errors


def _json_error(code, message, *, status):
    return JsonResponse({"error": {"code": code, "message": str(message)}}, status=status)


def _render_filing(request, form, petition, *, saved=False):
    attachments = petition.attachments.exclude(kind=Attachment.Kind.REPLY_DOCUMENT) if petition else []
    context = {
        "form": form,
        "petition": petition,
        "attachments": attachments,
        "saved_with_errors": saved and form.errors,
        "upload_help": upload_help_text(),
        "form_action": reverse("petitions:edit_draft", args=[petition.pk]) if petition else reverse("petitions:file"),
        "autosave_url": reverse("petitions:autosave", args=[petition.pk]) if petition else "",
        "file_fields": [form[name] for name in ("files_id_proof", "files_judgment", "files_evidence")],
    }
    return render(request, "petitions/applicant/file.html", context, status=400 if form.errors else 200)


def _court_choices(case_number, chosen_id, query):
    """Return the courts the select offers: suggested by the case number, the chosen one, search results."""
    courts = []
    parsed = _parse_or_none(case_number)
    if parsed is not None:
        courts.extend(suggest_receiving_courts(parsed))
    if str(chosen_id or "").isdigit():
        courts.extend(Court.objects.filter(pk=int(chosen_id), is_active=True))
    if (query or "").strip():
        courts.extend(find_courts(query, limit=20))

    unique = {}
    for court in courts:
        unique.setdefault(court.pk, court)
    return list(unique.values())


def _parse_or_none(text):
    if not (text or "").strip():
        return None
    try:
        return parse_case_number(text)
    except CaseNumberError:
        return None


@login_required
def submitted(request, pk):
    """Confirm a submission: the tracking number and the date the court registers the matter by."""
    petition = party_petition(request.user, pk)
    if petition.status == Status.DRAFT:
        return redirect("petitions:edit_draft", petition.pk)
    return render(request, "petitions/applicant/submitted.html", {"petition": petition, "progress": progress(petition)})


# Look-ups for the filing form's scripts ---------------------------------


def court_json(court):
    return {"id": court.pk, "code": court.code, "name": court.name}


@require_GET
@login_required
def check_case_number(request):
    """Parse ?q= as a case number: the normalised form, its court and the suggested receiving courts."""
    try:
        parsed = parse_case_number(request.GET.get("q", ""))
    except CaseNumberError as error:
        return _json_error(error.code, str(error), status=400)

    return JsonResponse(
        {
            "normalised": parsed.normalised,
            "category": parsed.category,
            "category_label": str(parsed.category_label),
            "court": court_json(parsed.court) if parsed.court else None,
            "suggested_courts": [court_json(court) for court in suggest_receiving_courts(parsed)],
        }
    )


@require_GET
@login_required
def search_courts(request):
    """Return the active courts whose code starts with or whose name contains ?q=."""
    courts = find_courts(request.GET.get("q", ""), limit=20)
    return JsonResponse([court_json(court) for court in courts], safe=False)


# My matters and progress ------------------------------------------------


@login_required
def my_matters(request):
    own = visible_petitions(request.user).filter(Q(applicant=request.user) | Q(agent=request.user))
    own = own.select_related("receiving_court", "applicant")
    # Discarded drafts are withdrawn without ever being submitted; they are not listed.
    matters = own.filter(submitted_at__isnull=False).order_by("-submitted_at", "-pk")
    page = Paginator(matters, MATTERS_PER_PAGE).get_page(request.GET.get("page"))
    drafts = _own_drafts(request.user)

    on_date = today()
    context = {
        "page": page,
        "rows": [(petition, progress(petition, on_date)) for petition in page],
        "drafts": drafts,
    }
    return render(request, "petitions/applicant/my_matters.html", context)


@login_required
def detail(request, pk):
    petition = get_petition_for(request.user, pk)
    if not is_party(request.user, petition):
        # Court staff following a notice link get the staff view of the matter.
        return redirect("petitions:case_file", petition.pk)
    if petition.status == Status.DRAFT:
        return redirect("petitions:edit_draft", petition.pk)
    return _render_detail(request, petition)


def _render_detail(request, petition, *, supplement_form=None, rating_form=None, status=200):
    on_date = today()
    rating = Rating.objects.filter(petition=petition).first()
    context = {
        "petition": petition,
        "progress": progress(petition, on_date),
        "timeline": public_timeline(petition),
        "attachments": petition.attachments.exclude(kind=Attachment.Kind.REPLY_DOCUMENT),
        "notice": open_correction(petition),
        "supplement_form": supplement_form or SupplementForm(),
        "upload_help": upload_help_text(),
        "reply": final_reply(petition),
        "rating": rating,
        "can_rate": rating is None and petition.status == Status.REPLIED and on_date <= petition.rating_due,
        "rating_form": rating_form or RatingForm(),
        "can_withdraw": petition.status in OPEN_STATUSES,
        "can_request_review": review_allowed(petition, on_date),
        "transfer": getattr(petition, "transfer", None) if petition.status == Status.TRANSFERRED else None,
        "reviews": petition.reviews.exclude(status=Status.DRAFT),
    }
    return render(request, "petitions/applicant/detail.html", context, status=status)








# Steps on a submitted matter --------------------------------------------


@require_POST
@login_required
def supplement(request, pk):
    """Answer the open correction notice with text and files."""
    petition = party_petition(request.user, pk)
    form = SupplementForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, petition, supplement_form=form, status=400)
    try:
        services.supplement(
            request.user, petition, text=form.cleaned_data["answer_text"], files=form.cleaned_data["files"]
        )
    except ValidationFailed as error:
        add_domain_errors(form, error)
        return _render_detail(request, petition, supplement_form=form, status=400)
    except PetitionError as error:
        return _step_failed(request, petition, error)

    messages.success(request, _("Thank you. The court has your materials and continues with your matter."))
    return redirect("petitions:detail", petition.pk)


@require_POST
@login_required
def rate(request, pk):
    petition = party_petition(request.user, pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, petition, rating_form=form, status=400)
    try:
        services.rate(request.user, petition, level=form.cleaned_data["level"], comment=form.cleaned_data["comment"])
    except ValidationFailed as error:
        add_domain_errors(form, error)
        return _render_detail(request, petition, rating_form=form, status=400)
    except PetitionError as error:
        return _step_failed(request, petition, error)

    messages.success(request, _("Thank you for your rating."))
    return redirect("petitions:detail", petition.pk)


@require_http_methods(["GET", "POST"])
@login_required
def withdraw(request, pk):
    """Ask for confirmation (GET), then withdraw the matter (POST)."""
    petition = party_petition(request.user, pk)
    if petition.status not in OPEN_STATUSES:
        messages.error(request, _("This matter can no longer be withdrawn."))
        return redirect("petitions:detail", petition.pk)

    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(request.user, petition, reason=form.cleaned_data["reason"])
        except PetitionError as error:
            return _step_failed(request, petition, error)
        messages.success(request, _("You withdrew the matter. The court will not handle it further."))
        return redirect("petitions:detail", petition.pk)
    return render(request, "petitions/applicant/withdraw.html", {"petition": petition, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def request_review(request, pk):
    """Ask the court above for a review of the reply, within the review period."""
    original = party_petition(request.user, pk)
    key = request.POST.get("idempotency_key", "")
    repeated = original.reviews.filter(idempotency_key=key).first() if key else None
    if repeated is not None:
        return redirect("petitions:submitted", repeated.pk)
    if not review_allowed(original, today()):
        messages.error(request, _("A review can no longer be requested for this matter."))
        return redirect("petitions:detail", original.pk)

    if request.method == "GET":
        form = ReviewRequestForm(initial={"idempotency_key": uuid.uuid4().hex})
        return _render_review(request, original, form)

    form = ReviewRequestForm(request.POST)
    if not form.is_valid():
        return _render_review(request, original, form, status=400)
    try:
        review = services.request_review(request.user, original, **form.cleaned_data)
    except ValidationFailed as error:
        add_domain_errors(form, error)
        return _render_review(request, original, form, status=400)
    except PetitionError as error:
        return _step_failed(request, original, error)
    return redirect("petitions:submitted", review.pk)


def _render_review(request, original, form, status=200):
    context = {"petition": original, "form": form, "court": original.receiving_court.parent or original.receiving_court}
    return render(request, "petitions/applicant/request_review.html", context, status=status)


def _step_failed(request, petition, error):
    if isinstance(error, NotAllowed):
        raise Http404("No such matter.")
    messages.error(request, error.message)
    return redirect("petitions:detail", petition.pk)
