"""The demo matters load once and only once."""

import io

from accounts import demo as accounts_demo
from accounts.testing import cast_courts
from petitions import demo
from petitions.models import Petition, Status


def test_demo_load_is_idempotent(db):
    cast_courts()
    accounts_demo.load(io.StringIO())

    assert demo.load(io.StringIO()) == []
    output = io.StringIO()
    demo.load(output)

    statuses = sorted(Petition.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [Status.SUBMITTED, Status.AWAITING_CORRECTION, Status.ACCEPTED, Status.REPLIED]
    )
    assert "0 created" in output.getvalue()


def test_demo_without_accounts_says_what_is_missing(db):
    output = io.StringIO()

    assert demo.load(output) == []

    assert "not created" in output.getvalue()
    assert not Petition.objects.exists()
