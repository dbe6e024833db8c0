"""Look-ups that need no login: courts, case numbers, working days."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api.errors import ApiError
from api.schema import errors
from api.serializers import lookups as bodies
from api.views.base import Pagination, PublicView
from courts.case_numbers import CaseNumberError, parse_case_number
from courts.models import Court
from courts.registry import search_courts
from courts.routing import suggest_receiving_courts
from workdays import calendar

MAX_SEARCH_RESULTS = 20


def query(serializer_class, request):
    """Validate the query string with ``serializer_class`` and return the cleaned values."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema(tags=["lookups"])
class CourtSearchView(PublicView):
    @extend_schema(
        summary="Search active courts by code prefix or name",
        parameters=[bodies.CourtSearchSerializer],
        responses={200: bodies.CourtSerializer(many=True), **errors(400)},
    )
    def get(self, request):
        text = query(bodies.CourtSearchSerializer, request)["q"]
        courts = search_courts(text, limit=MAX_SEARCH_RESULTS)
        return Response(bodies.CourtSerializer(courts, many=True).data)


@extend_schema(tags=["lookups"])
class CourtChildrenView(PublicView):
    pagination_class = Pagination

    @extend_schema(
        summary="The active courts directly below a court",
        responses={200: bodies.CourtSerializer(many=True), **errors(404)},
    )
    def get(self, request, pk):
        court = get_object_or_404(Court, pk=pk, is_active=True)
        children = court.children.filter(is_active=True).order_by("code")
        return self.paginate(children, bodies.CourtSerializer)


@extend_schema(tags=["lookups"])
class CaseNumberView(PublicView):
    @extend_schema(
        summary="Parse a case number and suggest the courts that may receive an appeal",
        parameters=[bodies.CaseNumberQuerySerializer],
        responses={200: bodies.ParsedCaseNumberSerializer, **errors(400)},
    )
    def get(self, request):
        try:
            parsed = parse_case_number(query(bodies.CaseNumberQuerySerializer, request)["q"])
        except CaseNumberError as error:
            # The error names the query parameter the client sent, not the petition field.
            raise ApiError(error.code, error.message, field="q") from None
        data = {
            **{name: getattr(parsed, name) for name in _PARSED_FIELDS},
            "category_label": str(parsed.category_label),
            "court": parsed.court,
            "suggested_courts": suggest_receiving_courts(parsed),
        }
        return Response(bodies.ParsedCaseNumberSerializer(data).data)


_PARSED_FIELDS = (
    "normalised",
    "year",
    "court_code",
    "specialised_code",
    "type_code",
    "category",
    "procedure",
    "serial",
)


@extend_schema(tags=["lookups"])
class WorkingDayView(PublicView):
    @extend_schema(
        summary="Whether a date is a working day in mainland China",
        parameters=[bodies.DateQuerySerializer],
        responses={200: bodies.WorkingDaySerializer, **errors(400)},
    )
    def get(self, request):
        info = calendar.day_info(query(bodies.DateQuerySerializer, request)["date"])
        data = {
            "date": info.date,
            "is_working_day": info.is_working,
            "kind": info.kind,
            "holiday_name": info.holiday_name,
            "confirmed": info.confirmed,
        }
        return Response(bodies.WorkingDaySerializer(data).data)


@extend_schema(tags=["lookups"])
class AddWorkingDaysView(PublicView):
    @extend_schema(
        summary="The date N working days after a start date (the start date itself not counted)",
        parameters=[bodies.AddWorkingDaysQuerySerializer],
        responses={200: bodies.AddedWorkingDaysSerializer, **errors(400)},
    )
    def get(self, request):
        values = query(bodies.AddWorkingDaysQuerySerializer, request)
        result = calendar.add_working_days(values["start"], values["days"])
        data = {
            **values,
            "result": result,
            "provisional": bool(calendar.unconfirmed_years(values["start"], result)),
        }
        return Response(bodies.AddedWorkingDaysSerializer(data).data)
