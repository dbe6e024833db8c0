"""Courts, case numbers and working days: the look-ups anyone may call."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from api.serializers.base import InputSerializer

# Dates outside this range are rejected: no deadline of the platform reaches them.
FIRST_YEAR = 1990
LAST_YEAR = 2100
MAX_ADDED_DAYS = 3650


class CourtSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(help_text="法院代字, for example 京0105.")
    name = serializers.CharField()
    level = serializers.CharField()
    kind = serializers.CharField()
    parent_id = serializers.IntegerField(allow_null=True)
    province = serializers.CharField()


class CourtSearchSerializer(InputSerializer):
    q = serializers.CharField(
        label=gettext_lazy("Search text"),
        max_length=50,
        help_text=gettext_lazy("Court code prefix or part of the name, for example 京01 or 朝阳."),
    )


class CaseNumberQuerySerializer(InputSerializer):
    q = serializers.CharField(
        label=gettext_lazy("Case number"),
        max_length=64,
        help_text=gettext_lazy("For example （2023）京01民终1234号."),
    )


class ParsedCaseNumberSerializer(serializers.Serializer):
    normalised = serializers.CharField()
    year = serializers.IntegerField()
    court_code = serializers.CharField()
    specialised_code = serializers.CharField()
    type_code = serializers.CharField()
    category = serializers.CharField()
    category_label = serializers.CharField()
    procedure = serializers.CharField()
    serial = serializers.IntegerField()
    court = CourtSerializer(allow_null=True)
    suggested_courts = CourtSerializer(many=True, help_text="Courts that may receive an appeal, best first.")


def check_date_range(value):
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        message = _("Choose a date between %(first)s and %(last)s.") % {
            "first": date(FIRST_YEAR, 1, 1).isoformat(),
            "last": date(LAST_YEAR, 12, 31).isoformat(),
        }
        raise serializers.ValidationError(message, code="date_out_of_range")
    return value


class DateQuerySerializer(InputSerializer):
    date = serializers.DateField(label=gettext_lazy("Date"), help_text=gettext_lazy("YYYY-MM-DD"))

    def validate_date(self, value):
        return check_date_range(value)


class AddWorkingDaysQuerySerializer(InputSerializer):
    start = serializers.DateField(label=gettext_lazy("Start date"), help_text=gettext_lazy("YYYY-MM-DD; not counted itself."))
    days = serializers.IntegerField(
        label=gettext_lazy("Working days"), min_value=0, max_value=MAX_ADDED_DAYS
    )

    def validate_start(self, value):
        return check_date_range(value)


class WorkingDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    is_working_day = serializers.BooleanField()
    kind = serializers.CharField(help_text="working, weekend, holiday or adjusted_working.")
    holiday_name = serializers.CharField()
    confirmed = serializers.BooleanField(
        help_text="False when the year's holiday notice is not in the calendar yet (weekends only)."
    )


class AddedWorkingDaysSerializer(serializers.Serializer):
    start = serializers.DateField()
    days = serializers.IntegerField()
    result = serializers.DateField()
    provisional = serializers.BooleanField(help_text="True when a year in the range is not confirmed.")
