"""Court staff pages: the queues, the case file and the actions taken on a matter.

Every page needs a staff membership; everyone else gets 404. Each action
posts to ``act``, which parses the action's form, calls one domain
function and redirects back to the case file. Domain errors become form
errors (ValidationFailed), a 404 (NotAllowed) or a message on the
re-rendered case file (InvalidTransition, ConcurrentChange).
"""

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from workdays.calendar import local_date, working_days_between
from workdays.deadlines import WORKING_DAYS, Clock, policy_for

from accounts import access
from accounts.phones import mask_phone
from accounts.roles import Role
from petitions import services
from petitions.errors import ConcurrentChange, InvalidTransition, NotAllowed, PetitionError, ValidationFailed
from petitions.forms import staff as forms
from petitions.deadlines import handling_clock
from petitions.event_labels import APPLICANT_ACTIONS, staff_label
from petitions.forms.staff import staff_name
from petitions.models import Petition, Reply, Status
from petitions.permissions import acting_membership, is_department_head
from petitions.queries import (
    INTAKE_STATUSES,
    approval_queue,
    court_matters,
    get_petition_for,
    handler_queue,
    intake_queue,
    staff_timeline,
)
from petitions.services.reply_documents import attach_reply_document, preview_reply_letter, save_reply_draft
from petitions.services.replies import EDITABLE_REPLY_STATUSES, current_reply, max_extension_days

logger = logging.getLogger(__name__)

PAGE_SIZE = 25
# Roles that take actions on a matter at their own court.
ACTING_ROLES = (Role.INTAKE_CLERK, Role.HANDLER, Role.DEPARTMENT_HEAD)
# Roles that need the applicant's full ID number for their work.
ID_NUMBER_ROLES = ACTING_ROLES


def _today():
    return local_date(timezone.now())


def _membership_or_404(request):
    membership = access.staff_membership(request.user)
    if membership is None:
        raise Http404("Not a staff member.")
    return membership


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request):
    """Return the GET parameters except ``page``, encoded, for the pagination links."""
    params = [(key, value) for key, value in request.GET.items() if key != "page"]
    return urlencode(params)


# Queues


@login_required
def workbench(request):
    """Show the intake queue of the user's court (a supervisor may pick a court below)."""
    membership = _membership_or_404(request)
    courts = access.visible_courts(request.user).order_by("path", "code")
    form = forms.QueueFilterForm(request.GET or None, courts=courts)
    court = _chosen_court(form, membership)

    all_matters = form.lists_all_matters()

    context = {
        "form": form,
        "court": court,
        "all_matters": all_matters,
        "can_choose_court": access.sees_courts_below(membership),
        "counts": _status_counts(court or membership.court),
        "membership": membership,
        "query_string": _query_without_page(request),
    }
    # Analysts see the counts but no individual matter.
    if access.can_see_personal_data(request.user):
        if all_matters:
            queue = court_matters(request.user, court, form.filters())
        else:
            queue = intake_queue(court or membership.court, form.filters())
        context["page_obj"] = _page(request, with_reply_pending(queue))
    return render(request, "petitions/staff/workbench.html", context)


def _chosen_court(form, membership):
    """Return the court to list, or None for every court a supervisor can see (all-matters list only)."""
    if access.sees_courts_below(membership) and form.is_bound and form.is_valid():
        court = form.cleaned_data.get("court")
        if court is None and not form.lists_all_matters():
            return membership.court
        return court
    return membership.court


def with_reply_pending(queryset):
    """Annotate ``reply_pending``: whether the matter's reply awaits the department head's approval."""
    pending = Reply.objects.filter(petition=OuterRef("pk"), status=Reply.Status.PENDING_APPROVAL)
    return queryset.annotate(reply_pending=Exists(pending))


def landing_url_name(user):
    """Return the URL name of the staff member's starting page, by role.

    A department head with replies to approve starts there, a clerk at the
    intake queue, a handler or head at their own cases, anyone else (a
    supervisor, an analyst) at the intake queue.
    """
    membership = access.staff_membership(user)
    if membership is None:
        return None
    if membership.has_role(Role.DEPARTMENT_HEAD) and approval_queue(user).exists():
        return "petitions:approvals"
    if membership.has_role(Role.INTAKE_CLERK):
        return "petitions:workbench"
    if membership.has_any_role(Role.HANDLER, Role.DEPARTMENT_HEAD):
        return "petitions:my_cases"
    return "petitions:workbench"


def _back_link(membership):
    """Return (url, text) of the queue the case file was most likely opened from, by role."""
    if membership.has_role(Role.INTAKE_CLERK) or not membership.has_any_role(Role.HANDLER, Role.DEPARTMENT_HEAD):
        return reverse("petitions:workbench"), _("Back to the intake queue")
    if membership.has_role(Role.DEPARTMENT_HEAD):
        return reverse("petitions:approvals"), _("Back to the approvals")
    return reverse("petitions:my_cases"), _("Back to my cases")


def _status_counts(court):
    """Return the number of matters in each intake state and how many of them are overdue."""
    matters = Petition.objects.filter(receiving_court=court, status__in=INTAKE_STATUSES)
    by_status = dict(matters.values_list("status").annotate(count=Count("pk")).order_by())
    rows = [
        {"status": status.value, "label": status.label, "count": by_status.get(status.value, 0)}
        for status in INTAKE_STATUSES
    ]
    overdue = intake_queue(court, {"overdue_only": True}).count()
    return {"rows": rows, "overdue": overdue, "total": sum(by_status.values())}


@login_required
def my_cases(request):
    """List the matters assigned to the handler, by handling deadline."""
    membership = _membership_or_404(request)
    context = {
        "membership": membership,
        "page_obj": _page(request, with_reply_pending(handler_queue(request.user))),
        "query_string": _query_without_page(request),
    }
    return render(request, "petitions/staff/my_cases.html", context)


@login_required
def approvals(request):
    """List the replies waiting for this department head's approval."""
    membership = _membership_or_404(request)
    queue = with_reply_pending(approval_queue(request.user).select_related("receiving_court", "handler"))
    context = {
        "membership": membership,
        "page_obj": _page(request, queue),
        "query_string": _query_without_page(request),
    }
    return render(request, "petitions/staff/approvals.html", context)


# The case file


@login_required
def case_file(request, pk):
    """Show everything about one matter, with the forms of the actions this user may take now."""
    _membership_or_404(request)
    petition = get_petition_for(request.user, pk)
    reveal_id = request.GET.get("show") == "id_number"
    return _render_case_file(request, petition, reveal_id=reveal_id)


def _render_case_file(request, petition, *, bound=None, status=200, reveal_id=False):
    actions = available_actions(request.user, petition)
    membership = access.staff_membership(request.user)
    back_url, back_text = _back_link(membership)
    context = {
        "petition": petition,
        "membership": membership,
        "back_url": back_url,
        "back_text": back_text,
        "case": _parsed_case_number(petition),
        "applicant": _applicant_data(request.user, petition, reveal_id),
        "attachments": petition.attachments.order_by("created_at", "pk"),
        "deadlines": _deadlines(petition),
        "timeline": _timeline(petition),
        "notices": petition.correction_notices.select_related("requested_by").order_by("created_at"),
        "replies": _replies(petition),
        "handler_name": staff_name(petition.handler) if petition.handler else "",
        "transfer_out": _transfer_out(request.user, petition),
        "transfer_in": _transfer_in(request.user, petition),
        "rating": getattr(petition, "rating", None) if petition.status == Status.CLOSED else None,
        "action_forms": _action_forms(petition, actions, bound),
        # A refused action (409) is explained by the message at the top instead.
        "failed_action": _failed_action(bound) if status == 400 else None,
        "preview_reply": _preview_reply(petition, actions),
    }
    return render(request, "petitions/staff/case_file.html", context, status=status)


def _replies(petition):
    """Return the replies, oldest first, each with ``drafted_by_name`` and ``approved_by_name``."""
    replies = list(petition.replies.select_related("drafted_by", "approved_by", "document").order_by("created_at"))
    for reply in replies:
        reply.drafted_by_name = staff_name(reply.drafted_by) if reply.drafted_by else ""
        reply.approved_by_name = staff_name(reply.approved_by) if reply.approved_by else ""
    return replies


def _actor_name(actor):
    # Applicants and agents appear by their real name, court staff by their full name.
    if actor is None:
        return ""
    if getattr(actor, "applicant_profile", None) is not None:
        return actor.display_name
    return staff_name(actor)


def _preview_reply(petition, actions):
    """Return what the head reads before approving: the uploaded document, else the letter preview."""
    if "approve_reply" not in actions:
        return None
    return {"document": current_reply(petition).document}


def _parsed_case_number(petition):
    from courts.case_numbers import CaseNumberError, parse_case_number

    if not petition.case_number:
        return None
    try:
        return parse_case_number(petition.case_number)
    except CaseNumberError:
        return None


def _applicant_data(user, petition, reveal_id):
    """Return the applicant's name, masked ID and, when asked for and allowed, the full ID (logged)."""
    subject = petition.applicant
    data = {
        "name": petition.applicant_name,
        "masked_id": petition.applicant_id_masked,
        "phone": mask_phone(subject.phone) if subject.phone else "",
        "user": subject,
        "may_reveal": acting_membership(user, petition, *ID_NUMBER_ROLES) is not None,
        "full_id": "",
    }
    profile = getattr(subject, "applicant_profile", None)
    if reveal_id and data["may_reveal"] and profile is not None:
        access.log_personal_data_access(user, subject, ["id_number"], f"petitions:case_file petition={petition.pk}")
        data["full_id"] = profile.id_number
    return data


def _timeline(petition):
    """Return the staff timeline as rows with readable action and status names."""
    statuses = dict(Status.choices)
    return [
        {
            "event": event,
            "actor_name": _actor_name(event.actor),
            "label": staff_label(event.action),
            "by_applicant": event.action in APPLICANT_ACTIONS,
            "old_status": statuses.get(event.old_status, ""),
            "new_status": statuses.get(event.new_status, ""),
        }
        for event in staff_timeline(petition).select_related("actor__applicant_profile")
    ]


# (label, field, the statuses in which the deadline is the running one)
DEADLINE_FIELDS = (
    ("receipt", "receipt_due", (Status.SUBMITTED,)),
    ("acceptance", "acceptance_due", (Status.RECEIVED,)),
    ("correction", "correction_due", (Status.AWAITING_CORRECTION,)),
    ("handling", "handling_due", (Status.ACCEPTED,)),
    ("rating", "rating_due", (Status.REPLIED,)),
    ("review_request", "review_request_due", (Status.REPLIED,)),
)
# The clock and the petition field holding the moment it started, by deadline;
# the moment picks the policy in force, hence the unit. A correction notice
# is the last write to its matter, so updated_at stands in for its time.
DEADLINE_CLOCKS = {
    "receipt": (Clock.RECEIPT, "submitted_at"),
    "acceptance": (Clock.ACCEPTANCE, "received_at"),
    "correction": (Clock.CORRECTION, "updated_at"),
    "handling": (None, "accepted_at"),
    "rating": (Clock.RATING, "replied_at"),
    "review_request": (Clock.REVIEW_REQUEST, "replied_at"),
}


def _deadlines(petition):
    today = _today()
    labels = {
        "receipt": _("Receipt"),
        "acceptance": _("Decision on acceptance"),
        "correction": _("Applicant's correction"),
        "handling": _("Handling and reply"),
        "rating": _("Rating of the reply"),
        "review_request": _("Request for review"),
    }
    rows = []
    for key, field, running_in in DEADLINE_FIELDS:
        due = getattr(petition, field)
        if due is None:
            continue
        running = petition.status in running_in
        row = {
            "label": labels[key],
            "due": due,
            "running": running,
            "days_late": max(0, (today - due).days),
            "overdue": running and due < today,
            "provisional": running and petition.deadlines_provisional,
        }
        row.update(days_left(petition, key, due, today))
        rows.append(row)
    return rows


def days_left(petition, key, due, today):
    """Return ``days_left`` and ``working_days`` for a deadline, counted in the unit of its clock.

    The receipt clock counts working days by default, so "2 days left" on a
    Friday would mislead. Overdue days are always calendar days.
    """
    clock, started_field = DEADLINE_CLOCKS[key]
    clock = clock or handling_clock(petition)
    started = getattr(petition, started_field) or timezone.now()
    working = policy_for(clock, started).unit == WORKING_DAYS
    if working and due > today:
        return {"days_left": working_days_between(today, due), "working_days": True}
    return {"days_left": (due - today).days, "working_days": False}


def _transfer_out(user, petition):
    transfer = getattr(petition, "transfer", None) if petition.status == Status.TRANSFERRED else None
    if transfer is None:
        return None
    return {"transfer": transfer, "visible": access.can_see_court(user, transfer.to_court)}


def _transfer_in(user, petition):
    origin = petition.transferred_from
    if origin is None:
        return None
    return {"petition": origin, "visible": access.can_see_court(user, origin.receiving_court)}


# Which actions a user may take now


def available_actions(user, petition):
    """Return the names of the actions ``user`` may take on the matter in its current state.

    Mirrors the checks of the domain functions, so the page offers only
    forms that can succeed; the domain function still decides.
    """
    membership = acting_membership(user, petition, *ACTING_ROLES)
    if membership is None:
        return []

    if petition.status == Status.SUBMITTED:
        return ["receive"] if membership.has_role(Role.INTAKE_CLERK) else []
    if petition.status == Status.RECEIVED:
        return _intake_actions(membership)
    if petition.status == Status.ACCEPTED:
        return _handling_actions(user, membership, petition)
    return []


def _intake_actions(membership):
    clerk = membership.has_role(Role.INTAKE_CLERK)
    deciding = clerk or membership.has_role(Role.DEPARTMENT_HEAD)
    actions = []
    if deciding:
        actions.append("accept")
    if clerk:
        actions += ["request_correction", "guide_out", "transfer"]
    if deciding:
        actions.append("decline")
    return actions


def _handling_actions(user, membership, petition):
    head = is_department_head(membership, petition)
    assigned = membership.has_any_role(Role.HANDLER, Role.DEPARTMENT_HEAD) and (
        petition.handler_id == user.pk or head
    )
    reply = current_reply(petition)
    editable = reply is None or reply.status in EDITABLE_REPLY_STATUSES

    actions = []
    if assigned and editable:
        actions.append("draft_reply")
    if assigned and reply is not None and editable:
        actions += ["upload_reply_document", "generate_reply_document", "submit_reply"]
    if head and reply is not None and reply.status == Reply.Status.PENDING_APPROVAL:
        actions += ["approve_reply", "return_reply"]
    if assigned:
        actions.append("request_correction")
    if head and not petition.extension_days:
        actions.append("extend")
    return actions


# The actions: form class and the one domain call each makes


def _run_receive(request, petition, data):
    services.receive(request.user, petition)
    return _("The matter was registered.")


def _run_request_correction(request, petition, data):
    services.request_correction(request.user, petition, items=data["items"])
    return _("The correction notice was sent to the applicant.")


def _run_accept(request, petition, data):
    services.accept(request.user, petition, department=data["department"], handler=data["handler"])
    return _("The matter was accepted and assigned.")


def _run_guide_out(request, petition, data):
    services.guide_out(request.user, petition, competent_body=data["competent_body"], text=data["text"])
    return _("The guidance was sent to the applicant.")


def _run_decline(request, petition, data):
    services.decline(request.user, petition, reason=data["reason"])
    return _("The decision not to accept was sent to the applicant.")


def _run_transfer(request, petition, data):
    new_petition = services.transfer(request.user, petition, to_court=data["to_court"], reason=data["reason"])
    return _("The matter was transferred to %(court)s as %(number)s.") % {
        "court": new_petition.receiving_court.name,
        "number": new_petition.tracking_number,
    }


def _run_extend(request, petition, data):
    services.extend(request.user, petition, days=data["days"], reason=data["reason"])
    return _("The handling period was extended.")


def _run_draft_reply(request, petition, data):
    save_reply_draft(request.user, petition, text=data["text"], document=data.get("document"))
    return _("The draft reply was saved.")


def _run_upload_reply_document(request, petition, data):
    attach_reply_document(request.user, petition, data["document"])
    return _("The reply document was uploaded.")


def _run_generate_reply_document(request, petition, data):
    name, content = preview_reply_letter(request.user, petition)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _run_submit_reply(request, petition, data):
    services.submit_reply_for_approval(request.user, petition)
    return _("The reply was sent to the department head for approval.")


def _run_approve_reply(request, petition, data):
    services.approve_reply(request.user, petition)
    return _("The reply was approved and sent to the applicant.")


def _run_return_reply(request, petition, data):
    services.return_reply(request.user, petition, note=data["note"])
    return _("The reply was returned to the handler.")


ACTIONS = {
    "receive": (forms.ReceiveForm, _run_receive),
    "request_correction": (forms.RequestCorrectionForm, _run_request_correction),
    "accept": (forms.AcceptForm, _run_accept),
    "guide_out": (forms.GuideOutForm, _run_guide_out),
    "decline": (forms.DeclineForm, _run_decline),
    "transfer": (forms.TransferForm, _run_transfer),
    "extend": (forms.ExtendForm, _run_extend),
    "draft_reply": (forms.DraftReplyForm, _run_draft_reply),
    "upload_reply_document": (forms.UploadReplyDocumentForm, _run_upload_reply_document),
    "generate_reply_document": (forms.GenerateReplyDocumentForm, _run_generate_reply_document),
    "submit_reply": (forms.SubmitReplyForm, _run_submit_reply),
    "approve_reply": (forms.ApproveReplyForm, _run_approve_reply),
    "return_reply": (forms.ReturnReplyForm, _run_return_reply),
}


def _make_form(action, petition, data=None, files=None):
    form_class = ACTIONS[action][0]
    kwargs = {"petition": petition, "initial": {"version": petition.version}}
    if form_class is forms.ExtendForm:
        kwargs["max_days"] = max_extension_days(petition)
    if form_class is forms.DraftReplyForm:
        reply = current_reply(petition)
        kwargs["initial"]["text"] = reply.text if reply is not None else ""
    return form_class(data, files, prefix=action, **kwargs)


def _action_labels():
    """Return {action: (heading, button text)} in the active language."""
    return {
        "receive": (_("Register the matter"), _("Register")),
        "accept": (_("Accept and assign"), _("Accept")),
        "request_correction": (_("Ask for missing materials"), _("Send correction notice")),
        "guide_out": (_("Guide to the competent body"), _("Send guidance")),
        "transfer": (_("Transfer to another court"), _("Transfer")),
        "decline": (_("Do not accept"), _("Send decision not to accept")),
        "draft_reply": (_("Draft the reply"), _("Save draft")),
        "upload_reply_document": (_("Upload the reply document"), _("Upload")),
        "generate_reply_document": (_("Preview the reply letter"), _("Generate PDF")),
        "submit_reply": (_("Submit the reply for approval"), _("Submit for approval")),
        "approve_reply": (_("Approve the reply"), _("Approve and send")),
        "return_reply": (_("Return the reply for revision"), _("Return")),
        "extend": (_("Extend the handling period"), _("Extend")),
    }


# The button style of each action: "primary" for the usual next step, "warning"
# for a final decision that ends the matter here, "secondary" for the rest.
ACTION_STYLES = {
    "receive": "primary",
    "accept": "primary",
    "draft_reply": "primary",
    "submit_reply": "primary",
    "approve_reply": "primary",
    "decline": "warning",
    "transfer": "warning",
    "guide_out": "warning",
}


def _action_forms(petition, actions, bound):
    """Return the action forms for the page, with the posted form in place of its empty one."""
    labels = _action_labels()
    result = []
    for action in actions:
        form = bound if bound is not None and bound.prefix == action else _make_form(action, petition)
        heading, button = labels[action]
        style = ACTION_STYLES.get(action, "secondary")
        result.append({"name": action, "heading": heading, "button": button, "form": form, "style": style})
    return result


def _failed_action(bound):
    """Return the heading, anchor and problems of a posted form that failed, for the banner at the top."""
    if bound is None or not bound.errors:
        return None
    heading = _action_labels()[bound.prefix][0]
    problems = []
    for name, errors in bound.errors.items():
        field = bound.fields.get(name)
        label = field.label if field is not None and name != "version" else ""
        problems += [{"label": label, "message": message} for message in errors]
    return {"name": bound.prefix, "heading": heading, "problems": problems}


@login_required
@require_POST
def act(request, pk, action):
    """Take one action on the matter; see ACTIONS for the domain function each calls."""
    _membership_or_404(request)
    petition = get_petition_for(request.user, pk)
    if action not in ACTIONS:
        raise Http404("No such action.")

    form = _make_form(action, petition, request.POST, request.FILES)
    if not form.is_valid():
        return _render_case_file(request, petition, bound=form, status=400)
    if _is_stale(form, petition):
        return _refused(request, petition, form, ConcurrentChange())

    try:
        outcome = ACTIONS[action][1](request, petition, form.cleaned_data)
    except NotAllowed:
        raise Http404("Not allowed.") from None
    except ValidationFailed as error:
        _add_domain_errors(form, error)
        return _render_case_file(request, petition, bound=form, status=400)
    except (InvalidTransition, ConcurrentChange) as error:
        return _refused(request, petition, form, error)

    if isinstance(outcome, HttpResponse):
        return outcome
    messages.success(request, outcome)
    return redirect("petitions:case_file", pk=petition.pk)


def _is_stale(form, petition):
    version = form.cleaned_data.get("version")
    return version is not None and version != petition.version


def _refused(request, petition, form, error):
    """Re-render the current case file with a message; the typed values stay in the form."""
    logger.info("Action %s on petition %s rejected: %s", form.prefix, petition.pk, error.code)
    if isinstance(error, ConcurrentChange) or error.code == InvalidTransition.code:
        text = _(
            "This matter has just been handled by someone else. "
            "Its current state is shown below; check it and try again."
        )
    else:
        text = str(error.message)
    messages.error(request, text)
    petition = get_petition_for(request.user, petition.pk)
    if form.prefix in available_actions(request.user, petition):
        # Keep what was typed, with the current version, so a retry can go through.
        data = form.data.copy()
        data[f"{form.prefix}-version"] = petition.version
        # The state changed, so the user confirms a final decision again.
        data.pop(f"{form.prefix}-confirm", None)
        form = _make_form(form.prefix, petition, data)
        form.is_valid()
    else:
        form = None
    return _render_case_file(request, petition, bound=form, status=409)


def _add_domain_errors(form, error: PetitionError):
    for field, message, _code in error.errors:
        form.add_error(field if field in form.fields else None, message)
