"""The partial indexes behind the periodic scans match the scans' filters.

PostgreSQL uses a partial index only when the query's WHERE clause implies
the index's condition, so a rule changed without its index falls back to
reading every matter in the state.
"""

import pytest
from django.db.models import Q

from petitions.models import Petition, Status
from petitions.overdue import RULES


def index_named(name):
    return next(index for index in Petition._meta.indexes if index.name == name)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_overdue_rule_has_matching_index(rule):
    index = index_named(f"petition_overdue_{rule.name}")

    assert index.fields == [rule.due_field, "id"]
    assert index.condition == Q(status=rule.status, **{f"{rule.flag_field}__isnull": True})


def test_close_unrated_index_matches_filter():
    index = index_named("petition_close_unrated")

    assert index.fields == ["rating_due", "id"]
    assert index.condition == Q(status=Status.REPLIED)
