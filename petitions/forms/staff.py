"""Forms of the court staff's pages: the queue filters and one form per action on a matter.

The forms only parse what was typed and check what a person can fix on the
spot (a missing reason, a number out of range, a court that does not
exist). Whether the action is allowed, and every other rule, is decided by
the domain function the view calls.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffMembership
from accounts.roles import Role
from courts.models import Court, Department
from courts.registry import search_courts
from petitions.attachments import upload_help_text
from petitions.models import Category, Kind, Status
from petitions.queries import INTAKE_STATUSES

# The status filter value that lists every matter of the court, in any state.
ALL_MATTERS = "all"


class QueueFilterForm(forms.Form):
    """Filters of the intake queue, sent with GET so they stay in the address and the page links."""

    court = forms.ModelChoiceField(
        label=_("Court"), queryset=Court.objects.none(), required=False, empty_label=None
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    category = forms.ChoiceField(label=_("Case category"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    query = forms.CharField(
        label=_("Tracking number, case number or applicant's name"), required=False, max_length=50
    )

    def __init__(self, *args, courts=None, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("All"))]
        self.fields["kind"].choices = anything + list(Kind.choices)
        self.fields["category"].choices = anything + list(Category.choices)
        later_statuses = [status for status in Status if status != Status.DRAFT and status not in INTAKE_STATUSES]
        self.fields["status"].choices = (
            [("", _("Awaiting intake work"))]
            + [(status.value, status.label) for status in INTAKE_STATUSES]
            + [(ALL_MATTERS, _("All matters, any status"))]
            + [(status.value, status.label) for status in later_statuses]
        )
        # The workbench shows the court field only to supervisors, whose list spans the courts below.
        if courts is not None:
            self.fields["court"].queryset = courts
        # Outside the intake queue a supervisor may list every court they see at once.
        if self.lists_all_matters_requested():
            self.fields["court"].empty_label = _("All courts you can see")

    def lists_all_matters_requested(self):
        return _spans_all_states(self.data.get("status", ""), self.data.get("query", ""))

    def lists_all_matters(self):
        """Return True when the list spans every state: a status outside the intake queue, or a search without a status."""
        data = self.cleaned_data if self.is_valid() else {}
        return _spans_all_states(data.get("status", ""), data.get("query", ""))

    def filters(self):
        """Return the filters for ``intake_queue`` or ``court_matters`` (invalid values are ignored)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "kind": data.get("kind", ""),
            "category": data.get("category", ""),
            "status": data.get("status", ""),
            "overdue_only": data.get("overdue", False),
            "query": data.get("query", ""),
        }


def _spans_all_states(status, query):
    # A search finds a matter whatever its state, unless an intake state was chosen.
    if status in INTAKE_STATUSES:
        return False
    return status != "" or bool(query.strip())


class ActionForm(forms.Form):
    """Base of the action forms: carries the version of the matter the page showed.

    The view compares it with the stored version, so an action taken on a
    page that someone else's work has made stale is not applied.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, petition=None, **kwargs):
        self.petition = petition
        super().__init__(*args, **kwargs)


class ConfirmedActionForm(ActionForm):
    """An action that sends a final decision, so the user ticks a box to confirm it first."""

    confirm_label = _("I have checked the above and confirm it is sent to the applicant.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Added last so the box sits right above the button.
        self.fields["confirm"] = forms.BooleanField(
            label=self.confirm_label,
            error_messages={"required": _("Tick the box to confirm that you have checked it before sending.")},
        )


def _reason_field(label, required_message, help_text=""):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=help_text,
        error_messages={
            "required": required_message,
            "max_length": _("Keep this to %(limit_value)d characters."),
        },
    )


class ReceiveForm(ActionForm):
    pass


class RequestCorrectionForm(ActionForm):
    items = _reason_field(
        _("Missing materials"),
        _("List the missing materials, one per line."),
        _("One item per line. The applicant sees this list; the deadline pauses until they answer."),
    )


class HandlerSelect(forms.Select):
    """A select whose options carry the handler's department id, for filtering in the browser."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        membership = getattr(instance, "staff_membership", None)
        if membership is not None and membership.department_id is not None:
            option["attrs"]["data-department"] = str(membership.department_id)
        return option


class AcceptForm(ActionForm):
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        error_messages={
            "required": _("Choose the department that handles the matter."),
            "invalid_choice": _("Choose an active department of this court."),
        },
    )
    handler = forms.ModelChoiceField(
        label=_("Handler"),
        widget=HandlerSelect,
        queryset=get_user_model().objects.none(),
        help_text=_("The handler must work in the chosen department."),
        error_messages={
            "required": _("Choose the handler."),
            "invalid_choice": _("Choose a handler of this court from the list."),
        },
    )

    def __init__(self, *args, petition=None, **kwargs):
        super().__init__(*args, petition=petition, **kwargs)
        court_id = petition.receiving_court_id
        self.fields["department"].queryset = Department.objects.filter(
            court_id=court_id, is_active=True
        ).order_by("name")
        # The court is the matter's own, so the department's name is enough.
        self.fields["department"].label_from_instance = lambda department: department.name
        self.fields["handler"].queryset = handlers_of_court(court_id)
        self.fields["handler"].label_from_instance = _handler_label
        # staff.js hides the handlers of other departments; the server check stays.
        self.fields["handler"].widget.attrs["data-follows"] = self["department"].auto_id


def handlers_of_court(court_id):
    """Return the active users holding the handler role at the court, with their departments loaded."""
    memberships = StaffMembership.objects.filter(court_id=court_id, user__is_active=True)
    # Roles are a JSON list; one court's staff is short, so the filter runs in Python.
    ids = [m.user_id for m in memberships.only("user_id", "roles") if m.has_role(Role.HANDLER)]
    return (
        get_user_model()
        .objects.filter(pk__in=ids)
        .select_related("staff_membership__department")
        .order_by("username")
    )


def staff_name(user):
    """Return a staff member's full name as written in Chinese (surname first), else the username."""
    surname, given_name = user.last_name.strip(), user.first_name.strip()
    if not (surname or given_name):
        return user.username
    if (surname + given_name).isascii():
        return user.get_full_name()
    return surname + given_name


def _handler_label(user):
    department = user.staff_membership.department
    name = staff_name(user)
    return f"{name}（{department.name}）" if department else name


class GuideOutForm(ConfirmedActionForm):
    competent_body = forms.CharField(
        label=_("Competent body"),
        max_length=200,
        help_text=_(
            "The authority that handles this kind of matter, "
            "for example a district labour arbitration commission."
        ),
        error_messages={"required": _("Name the body that handles this kind of matter.")},
    )
    text = _reason_field(
        _("Explanation to the applicant"),
        _("Explain to the applicant why and how to contact that body."),
    )


class DeclineForm(ConfirmedActionForm):
    reason = _reason_field(
        _("Reason for not accepting"),
        _("Give the reason for not accepting; the applicant will see it."),
    )


class TransferForm(ConfirmedActionForm):
    confirm_label = _("I have checked the court and the reason and confirm the transfer.")

    to_court = forms.CharField(
        label=_("Transfer to court"),
        max_length=100,
        help_text=_("Type the court code (for example 京0105) or part of the court's name."),
        error_messages={"required": _("Type the court to transfer the matter to.")},
    )
    reason = _reason_field(
        _("Reason for the transfer"),
        _("Give the reason for the transfer."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_court"].widget.attrs.update(
            {"data-search-url": reverse("petitions:search_courts"), "autocomplete": "off"}
        )

    def clean_to_court(self):
        """Return the one court the text names, or explain how to name it exactly."""
        text = self.cleaned_data["to_court"].strip()
        found = search_courts(text, limit=10)
        exact = [court for court in found if text in (court.code, court.name)]
        matches = exact or found
        if not matches:
            raise forms.ValidationError(
                _("No court matches “%(text)s”. Check the code or the name."),
                code="not_found",
                params={"text": text},
            )
        if len(matches) > 1:
            raise forms.ValidationError(
                _("Several courts match “%(text)s”, for example %(examples)s. Type the full code or name."),
                code="ambiguous",
                params={"text": text, "examples": "、".join(c.name for c in matches[:3])},
            )

        court = matches[0]
        if self.petition is not None and court.pk == self.petition.receiving_court_id:
            raise forms.ValidationError(
                _("The matter is already at this court. Choose another court."), code="same_court"
            )
        return court


class ExtendForm(ActionForm):
    days = forms.IntegerField(
        label=_("Extend by (days)"),
        error_messages={
            "required": _("Type the number of days."),
            "invalid": _("Type the number of days as a whole number."),
        },
    )
    reason = _reason_field(
        _("Reason for the extension"),
        _("Give the reason for the extension; the applicant will see it."),
    )

    def __init__(self, *args, max_days=30, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_days = max_days
        # No min_value/max_value on the field: clean_days gives one message for both ends.
        field = self.fields["days"]
        field.widget.attrs.update({"min": 1, "max": max_days})
        field.help_text = _("At most %(max)s days, once per matter.") % {"max": max_days}

    def clean_days(self):
        days = self.cleaned_data["days"]
        if days < 1 or days > self.max_days:
            raise forms.ValidationError(
                _("Extend by 1 to %(max)s days."), code="out_of_range", params={"max": self.max_days}
            )
        return days


class DraftReplyForm(ActionForm):
    text = forms.CharField(
        label=_("Reply text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        help_text=_(
            "Type only the body of the letter. The generated letter adds the greeting "
            "with the applicant's name, the court's name and the date itself."
        ),
        error_messages={
            "required": _("Write the reply."),
            "max_length": _("The reply may be at most %(limit_value)d characters."),
        },
    )
    document = forms.FileField(
        label=_("Reply document (optional)"),
        required=False,
        help_text=_(
            "A signed PDF or Word letter. Without one, the reply letter is generated from the text on approval."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = f"{self.fields['document'].help_text} {upload_help_text()}"


class UploadReplyDocumentForm(ActionForm):
    document = forms.FileField(
        label=_("Reply document"),
        error_messages={"required": _("Choose the PDF or Word file to upload.")},
    )


class SubmitReplyForm(ActionForm):
    pass


class GenerateReplyDocumentForm(ActionForm):
    pass


class ApproveReplyForm(ConfirmedActionForm):
    confirm_label = _("I have read the reply and confirm it is sent to the applicant.")


class ReturnReplyForm(ActionForm):
    note = _reason_field(
        _("What should change"),
        _("Say what the handler should change."),
    )

