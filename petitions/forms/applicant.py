"""Forms of the applicant's pages: filing, answering a correction, rating, review."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.forms import PlainLabelForm
from accounts.idnumbers import IdType
from courts.models import Court
from courts.registry import search_courts
from petitions.attachments import upload_help_text
from petitions.models import Attachment, Category, Kind, Rating
from petitions.services.filing import MAX_FACTS_LENGTH, MAX_REQUEST_LENGTH

# The kinds an applicant files directly; a review is requested from a replied matter.
FILING_KINDS = [
    (kind.value, kind.label) for kind in (Kind.APPEAL, Kind.REQUEST, Kind.COMPLAINT, Kind.REPORT, Kind.SUGGESTION)
]
KIND_EXPLANATIONS = {
    Kind.APPEAL: _("You disagree with an effective judgment or ruling and ask the court to examine it again."),
    Kind.REQUEST: _("You ask the court to solve a concrete problem in your case, for example a delay."),
    Kind.COMPLAINT: _("You are unhappy with how court staff treated you or handled your case."),
    Kind.REPORT: _("You report wrongdoing by court staff, such as taking bribes."),
    Kind.SUGGESTION: _("You have an opinion or a suggestion about the court's work."),
}
# One upload field per attachment kind, so every file arrives with its kind.
FILE_FIELDS = {
    "files_id_proof": Attachment.Kind.ID_PROOF,
    "files_judgment": Attachment.Kind.JUDGMENT,
    "files_evidence": Attachment.Kind.EVIDENCE,
    "files_power_of_attorney": Attachment.Kind.POWER_OF_ATTORNEY,
}
# Form field of each argument of register_client, for the agent's "filing for someone else" section.
CLIENT_FIELDS = {
    "real_name": "applicant_name",
    "id_type": "applicant_id_type",
    "id_number": "applicant_id_number",
    "phone": "applicant_phone",
    "address": "applicant_address",
}
# Form field of each Attachment kind, for errors the domain reports on "files".
FILE_FIELD_BY_KIND = {kind: name for name, kind in FILE_FIELDS.items()}
ACCEPT = ".pdf,.jpg,.jpeg,.png,.heic,.heif,.doc,.docx,application/pdf,image/*"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once and cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        if isinstance(data, (list, tuple)):
            return [clean_one(item, initial) for item in data if item]
        return [clean_one(data, initial)] if data else []


class CourtChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, court):
        return f"{court.name}（{court.code}）"


class FilingForm(PlainLabelForm):
    """The whole filing form. Nothing is required on "save draft"; the domain checks on submit."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    kind = forms.ChoiceField(label=_("What kind of matter is it?"), choices=FILING_KINDS, required=False)
    category = forms.ChoiceField(
        label=_("Case category"),
        choices=[("", _("Not sure / not about a case"))] + Category.choices,
        required=False,
        help_text=_("Required for an appeal. Filled in from the case number when you leave it empty."),
    )
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=64,
        required=False,
        help_text=_("As printed on the judgment, for example （2023）京01民终1234号. Required for an appeal."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    receiving_court = CourtChoiceField(
        label=_("Court that should receive the matter"),
        queryset=Court.objects.filter(is_active=True),
        required=False,
        empty_label=_("Choose a court"),
        help_text=_("Suggested from the case number. You can also search by court name or code below."),
    )
    court_query = forms.CharField(
        label=_("Find another court (name or code)"),
        max_length=100,
        required=False,
        help_text=_("For example 北京市第一中级人民法院 or 京01."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    on_behalf = forms.BooleanField(
        label=_("I am filing for someone else, as their agent"),
        required=False,
        help_text=_(
            "A lawyer or relative filing for the applicant. The applicant does not need an account here: "
            "if they have none, enter their mobile number and address too."
        ),
    )
    applicant_name = forms.CharField(label=_("Applicant's real name"), max_length=50, required=False)
    applicant_id_type = forms.ChoiceField(
        label=_("Applicant's ID type"), choices=IdType.choices, initial=IdType.RESIDENT_ID, required=False
    )
    applicant_id_number = forms.CharField(
        label=_("Applicant's ID number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    applicant_phone = forms.CharField(
        label=_("Applicant's mobile number"),
        max_length=20,
        required=False,
        help_text=_(
            "Needed when the applicant has no account here. We text the tracking number to it, "
            "and the applicant can sign up with it to follow the matter."
        ),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "inputmode": "numeric"}),
    )
    applicant_address = forms.CharField(
        label=_("Applicant's address"),
        max_length=200,
        required=False,
        help_text=_("Needed when the applicant has no account here: where court letters can reach them."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    request_text = forms.CharField(
        label=_("Your request"),
        required=False,
        max_length=MAX_REQUEST_LENGTH,
        help_text=_("In a few sentences: what do you ask the court to do?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    facts_and_reasons = forms.CharField(
        label=_("Facts and reasons"),
        required=False,
        max_length=MAX_FACTS_LENGTH,
        help_text=_("What happened, and why you think your request is right."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    files_id_proof = MultipleFileField(label=_("Proof of identity (ID card, both sides)"))
    files_judgment = MultipleFileField(label=_("Judgment or ruling"))
    files_evidence = MultipleFileField(label=_("Evidence"))
    files_power_of_attorney = MultipleFileField(
        label=_("Power of attorney"), help_text=_("Required when you file for someone else.")
    )

    def __init__(self, *args, actor, petition=None, court_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.petition = petition
        # The select lists only the courts that fit (suggested, chosen, searched);
        # any active court is still accepted on submit.
        field = self.fields["receiving_court"]
        field.widget.choices = [("", field.empty_label)] + [
            (court.pk, field.label_from_instance(court)) for court in court_choices
        ]
        if petition is not None:
            # The applicant of a draft is fixed when the draft is created.
            for name in ("on_behalf", *CLIENT_FIELDS.values()):
                self.fields[name].disabled = True

    def kind_options(self):
        """Return (value, label, explanation, checked) for each kind, for the radio list."""
        current = self["kind"].value()
        return [(value, label, KIND_EXPLANATIONS[value], value == current) for value, label in FILING_KINDS]

    def clean(self):
        cleaned = super().clean()
        self._resolve_court_query(cleaned)
        return cleaned

    def files_for_client(self):
        """Whether this new matter is filed for someone else, so the applicant must be found or registered."""
        return self.petition is None and bool(self.cleaned_data.get("on_behalf"))

    def client_details(self):
        """Return the applicant fields as keyword arguments of ``accounts.profiles.register_client``."""
        details = {name: self.cleaned_data.get(field) or "" for name, field in CLIENT_FIELDS.items()}
        # A browser always posts the select's value; a bare POST gets the resident ID card.
        details["id_type"] = details["id_type"] or IdType.RESIDENT_ID
        return details

    def add_client_errors(self, error):
        """Show a ValidationError from ``register_client`` next to the matching applicant fields."""
        for name, errors in error.error_dict.items():
            self.add_error(CLIENT_FIELDS.get(name, "on_behalf"), errors)

    def _resolve_court_query(self, cleaned):
        """Use the court typed into the search box, when exactly one court matches it."""
        query = (cleaned.get("court_query") or "").strip()
        if not query:
            return
        matches = search_courts(query, limit=20)
        exact = [court for court in matches if query in (court.code, court.name)]
        found = exact if len(exact) == 1 else matches
        if len(found) == 1:
            cleaned["receiving_court"] = found[0]
        elif not found:
            message = _("No court is called “%(query)s” or has that code. Check the name, or choose from the list.")
            self.add_error("court_query", ValidationError(message % {"query": query}, code="court_not_found"))
        else:
            message = _("%(count)s courts match “%(query)s”. Choose the right one from the list above.")
            params = {"count": len(found), "query": query}
            self.add_error("court_query", ValidationError(message % params, code="court_ambiguous"))

    def draft_fields(self):
        """Return the cleaned values that the domain stores on the draft."""
        data = self.cleaned_data
        return {
            "kind": data.get("kind") or "",
            "category": data.get("category") or "",
            "case_number": (data.get("case_number") or "").strip(),
            "receiving_court": data.get("receiving_court"),
            "request_text": (data.get("request_text") or "").strip(),
            "facts_and_reasons": (data.get("facts_and_reasons") or "").strip(),
        }

    def uploads(self):
        """Return (field name, attachment kind, files) for each file field with files."""
        return [
            (name, kind, self.cleaned_data.get(name) or [])
            for name, kind in FILE_FIELDS.items()
            if self.cleaned_data.get(name)
        ]

    @staticmethod
    def upload_help():
        return upload_help_text()


class SupplementForm(PlainLabelForm):
    answer_text = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=MAX_FACTS_LENGTH,
        help_text=_("Explain what you are sending, or why an item is not available."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = MultipleFileField(label=_("Files for the requested items"))


class RatingForm(PlainLabelForm):
    level = forms.ChoiceField(
        label=_("How satisfied are you with the reply?"),
        choices=Rating.Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the three ratings.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawForm(PlainLabelForm):
    reason = forms.CharField(
        label=_("Why are you withdrawing? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewRequestForm(PlainLabelForm):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    request_text = forms.CharField(
        label=_("Your request"),
        required=False,
        max_length=MAX_REQUEST_LENGTH,
        help_text=_("What should the court above do about the reply?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    facts_and_reasons = forms.CharField(
        label=_("Why the reply should be reviewed"),
        required=False,
        max_length=MAX_FACTS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
