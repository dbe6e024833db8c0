"""Every action taken out of order raises InvalidTransition and writes nothing."""

import pytest

from petitions import services
from petitions.errors import InvalidTransition
from petitions.models import Event, Rating
from petitions.tests import helpers


def _actions(cast):
    # (name, the cast member who may take it, call)
    return {
        "submit": (lambda p: services.submit(cast.applicant, p)),
        "receive": (lambda p: services.receive(cast.clerk, p)),
        "request_correction": (lambda p: services.request_correction(cast.clerk, p, items=["身份证明"])),
        "supplement": (lambda p: services.supplement(cast.applicant, p, text="已补充")),
        "accept": (
            lambda p: services.accept(cast.clerk, p, department=cast.department, handler=cast.handler)
        ),
        "guide_out": (lambda p: services.guide_out(cast.clerk, p, competent_body="区人民政府", text="请向区政府反映。")),
        "decline": (lambda p: services.decline(cast.clerk, p, reason="不属于法院受理范围。")),
        "transfer": (lambda p: services.transfer(cast.clerk, p, to_court=cast.upper_court, reason="由上级法院处理。")),
        "draft_reply": (lambda p: services.draft_reply(cast.handler, p, text="答复")),
        "approve_reply": (lambda p: services.approve_reply(cast.head, p)),
        "rate": (lambda p: services.rate(cast.applicant, p, level=Rating.Level.SATISFIED)),
        "close": (lambda p: services.close(None, p)),
        "withdraw": (lambda p: services.withdraw(cast.applicant, p)),
    }


STATES = {
    "draft": helpers.draft,
    "submitted": helpers.submitted,
    "received": helpers.received,
    "accepted": helpers.accepted,
    "replied": helpers.replied,
}

# Actions that are in order in each state; everything else must be refused.
ALLOWED = {
    "draft": {"submit", "withdraw"},
    "submitted": {"receive", "withdraw"},
    "received": {"request_correction", "accept", "guide_out", "decline", "transfer", "withdraw"},
    "accepted": {"request_correction", "draft_reply", "withdraw"},
    "replied": {"rate"},
}
ACTIONS = [
    "submit",
    "receive",
    "request_correction",
    "supplement",
    "accept",
    "guide_out",
    "decline",
    "transfer",
    "draft_reply",
    "approve_reply",
    "rate",
    "close",
    "withdraw",
]
CASES = [(state, action) for state in STATES for action in ACTIONS if action not in ALLOWED[state]]


@pytest.mark.parametrize(("state", "action"), CASES)
def test_action_out_of_order_raises_invalid_transition(cast, state, action):
    petition = STATES[state](cast)
    events_before = Event.objects.filter(petition=petition).count()
    status_before = petition.status
    version_before = petition.version

    with pytest.raises(InvalidTransition) as caught:
        _actions(cast)[action](petition)

    petition.refresh_from_db()
    assert caught.value.code in {"invalid_transition", "no_pending_reply", "rating_period_open"}
    assert petition.status == status_before
    assert petition.version == version_before
    assert Event.objects.filter(petition=petition).count() == events_before


@pytest.mark.parametrize("state", ["withdrawn", "transferred", "closed"])
def test_finished_matter_takes_no_further_action(cast, state):
    petition = helpers.received(cast)
    if state == "withdrawn":
        services.withdraw(cast.applicant, petition)
    elif state == "transferred":
        services.transfer(cast.clerk, petition, to_court=cast.upper_court, reason="由上级法院处理。")
    else:
        petition = helpers.replied(cast)
        services.rate(cast.applicant, petition, level=Rating.Level.DISSATISFIED)
    events_before = Event.objects.filter(petition=petition).count()

    for action in ["receive", "accept", "withdraw", "decline"]:
        with pytest.raises(InvalidTransition):
            _actions(cast)[action](petition)

    assert Event.objects.filter(petition=petition).count() == events_before


def test_invalid_transition_message_is_chinese(cast):
    petition = helpers.draft(cast)

    with pytest.raises(InvalidTransition) as caught:
        services.receive(cast.clerk, petition)

    assert "当前" in str(caught.value) or "阶段" in str(caught.value)
