"""Admin lists of the large tables: exact counts when filtered, PostgreSQL's estimate when not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from petitions.admin_pagination import EstimatedCountPaginator
from petitions.models import Event, Petition
from petitions.tests.helpers import submitted

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_class row estimates exist only on PostgreSQL"
)


@pytest.fixture
def superuser_client(client, cast):
    client.force_login(cast.sysadmin)
    return client


def count_queries(captured, table):
    return [q["sql"] for q in captured if "COUNT(" in q["sql"].upper() and table in q["sql"]]


@pytest.mark.parametrize(
    ("url_name", "model"),
    [("petitions_event_changelist", Event), ("petitions_petition_changelist", Petition)],
)
def test_changelist_counts_small_table_exactly(superuser_client, cast, url_name, model):
    petition = submitted(cast)
    submitted(cast)

    response = superuser_client.get(reverse(f"admin:{url_name}"))

    assert response.context["cl"].result_count == model.objects.count()
    assert petition.tracking_number in response.content.decode()


def test_event_changelist_filtered_count_exact(superuser_client, cast):
    submitted(cast)
    submitted(cast)
    expected = Event.objects.filter(action="submitted").count()

    response = superuser_client.get(reverse("admin:petitions_event_changelist"), {"action": "submitted"})

    assert expected == 2
    assert response.context["cl"].result_count == expected


@pytest.mark.parametrize(
    "make_queryset",
    [lambda: Event.objects.filter(action="submitted"), lambda: Event.objects.order_by("-pk").distinct()],
    ids=["filtered", "distinct"],
)
def test_estimated_count_none_when_filtered(make_queryset):
    paginator = EstimatedCountPaginator(make_queryset(), 100)

    assert paginator.estimated_count() is None


@pytest.mark.skipif(connection.vendor == "postgresql", reason="on PostgreSQL an unfiltered list is estimated")
def test_estimated_count_none_on_sqlite():
    paginator = EstimatedCountPaginator(Event.objects.order_by("-pk"), 100)

    assert paginator.estimated_count() is None


@on_postgresql
def test_event_changelist_uses_estimate(superuser_client, cast, monkeypatch):
    submitted(cast)
    submitted(cast)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE petitions_event")
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'petitions_event'")
        estimate = cursor.fetchone()[0]
    monkeypatch.setattr(EstimatedCountPaginator, "exact_count_below", 0)

    with CaptureQueriesContext(connection) as unfiltered:
        listing = superuser_client.get(reverse("admin:petitions_event_changelist"))
    with CaptureQueriesContext(connection) as filtered:
        searched = superuser_client.get(reverse("admin:petitions_event_changelist"), {"action": "submitted"})

    assert listing.context["cl"].result_count == estimate
    assert count_queries(unfiltered.captured_queries, "petitions_event") == []
    assert any("pg_class" in q["sql"] for q in unfiltered.captured_queries)
    assert searched.context["cl"].result_count == 2
    assert count_queries(filtered.captured_queries, "petitions_event") != []
