import hashlib
import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workdays.deadlines import Clock
from workdays.models import DeadlinePolicy
from workdays.schedule import ScheduleError, YearSchedule, check_overlaps, parse_adjusted, parse_holidays


class YearScheduleForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2099,
        error_messages={
            "required": _("Enter the year, for example 2027."),
            "invalid": _("Enter the year as four digits, for example 2027."),
            "min_value": _("Enter a year from 2000 to 2099."),
            "max_value": _("Enter a year from 2000 to 2099."),
        },
    )
    holidays = forms.CharField(
        label=_("Holidays"),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
        help_text=_(
            "One holiday period per line: first day, last day, name. "
            "For example: 2027-02-05 2027-02-11 春节. A single day may be written once."
        ),
        error_messages={"required": _("Enter at least one holiday period, for example 2027-01-01 元旦.")},
    )
    adjusted = forms.CharField(
        label=_("Adjusted working days"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("One Saturday or Sunday worked per line, with the holiday it belongs to. For example: 2027-02-14 春节."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=255,
        help_text=_("For example the number and date of the State Council notice."),
    )
    previewed = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        if year is None or "holidays" not in cleaned:
            return cleaned

        holidays = self._parsed("holidays", parse_holidays, cleaned["holidays"], year)
        adjusted = self._parsed("adjusted", parse_adjusted, cleaned.get("adjusted", ""), year)
        if holidays is None or adjusted is None:
            return cleaned

        schedule = YearSchedule(year, holidays, adjusted)
        try:
            check_overlaps(schedule)
        except ScheduleError as error:
            raise ValidationError(str(error), code=error.code) from None
        self.schedule = schedule
        return cleaned

    def _parsed(self, field, parser, text, year):
        try:
            return parser(text, year)
        except ScheduleError as error:
            self.add_error(field, ValidationError(str(error), code=error.code))
            return None

    def digest(self):
        """Return a fingerprint of the schedule, so only a previewed schedule can be saved."""
        payload = json.dumps([self.schedule.year, self.schedule.as_json()], sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()

    def was_previewed(self):
        return self.cleaned_data.get("previewed") == self.digest()


class DeadlinePolicyForm(forms.ModelForm):
    clock = forms.ChoiceField(label=_("Clock"), choices=Clock.choices)

    class Meta:
        model = DeadlinePolicy
        fields = ["clock", "length", "unit", "max_extension", "legal_source", "effective_from"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective_from"].initial = timezone.now
        self.fields["length"].error_messages["min_value"] = _("The length must be at least 1 day.")

    def clean_length(self):
        length = self.cleaned_data["length"]
        if length < 1:
            raise ValidationError(_("The length must be at least 1 day."), code="invalid_length")
        return length
