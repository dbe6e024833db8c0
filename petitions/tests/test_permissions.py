"""Who may see and act on a matter: the cast against every action."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from petitions import services
from petitions.errors import NotAllowed
from petitions.models import Event, Rating
from petitions.queries import get_petition_for, visible_petitions
from petitions.tests import helpers

OUTSIDERS = ["second_applicant", "other_clerk", "supervisor", "analyst"]


@pytest.mark.parametrize("member", ["applicant", "clerk", "handler", "head", "supervisor"])
def test_visible_petitions_shows_matter_to_those_involved(cast, member):
    petition = helpers.accepted(cast)

    assert visible_petitions(getattr(cast, member)).filter(pk=petition.pk).exists()
    assert get_petition_for(getattr(cast, member), petition.tracking_number) == petition


@pytest.mark.parametrize("member", ["second_applicant", "other_clerk", "analyst", "agent"])
def test_get_petition_for_outsider_raises_404(cast, member):
    petition = helpers.accepted(cast)

    assert not visible_petitions(getattr(cast, member)).filter(pk=petition.pk).exists()
    with pytest.raises(Http404):
        get_petition_for(getattr(cast, member), petition.pk)
    with pytest.raises(Http404):
        get_petition_for(getattr(cast, member), petition.tracking_number)


def test_get_petition_for_anonymous_raises_404(cast):
    petition = helpers.submitted(cast)

    with pytest.raises(Http404):
        get_petition_for(AnonymousUser(), petition.pk)


def test_draft_is_invisible_to_staff(cast):
    petition = helpers.draft(cast)

    assert get_petition_for(cast.applicant, petition.pk) == petition
    with pytest.raises(Http404):
        get_petition_for(cast.clerk, petition.pk)


def test_agent_sees_matter_filed_through_them(cast):
    petition = helpers.submitted_by_agent(cast)

    assert get_petition_for(cast.agent, petition.pk) == petition
    assert get_petition_for(cast.applicant, petition.pk) == petition
    with pytest.raises(Http404):
        get_petition_for(cast.second_applicant, petition.pk)


# (state builder, action taking the matter further, who may take it)
ACTIONS = [
    ("submitted", lambda c, p, u: services.receive(u, p), "clerk"),
    ("received", lambda c, p, u: services.accept(u, p, department=c.department, handler=c.handler), "clerk"),
    ("received", lambda c, p, u: services.request_correction(u, p, items="身份证明"), "clerk"),
    ("received", lambda c, p, u: services.decline(u, p, reason="不属于受理范围。"), "clerk"),
    ("received", lambda c, p, u: services.transfer(u, p, to_court=c.other_court, reason="管辖"), "clerk"),
    ("accepted", lambda c, p, u: services.draft_reply(u, p, text="答复"), "handler"),
    ("accepted", lambda c, p, u: services.extend(u, p, days=10, reason="案情复杂"), "head"),
    ("submitted", lambda c, p, u: services.withdraw(u, p), "applicant"),
    ("replied", lambda c, p, u: services.rate(u, p, level=Rating.Level.SATISFIED), "applicant"),
]
BUILDERS = {
    "submitted": helpers.submitted,
    "received": helpers.received,
    "accepted": helpers.accepted,
    "replied": helpers.replied,
}


@pytest.mark.parametrize("outsider", OUTSIDERS)
@pytest.mark.parametrize(("state", "action", "allowed"), ACTIONS)
def test_outsider_cannot_act(cast, outsider, state, action, allowed):
    petition = BUILDERS[state](cast)
    events_before = Event.objects.filter(petition=petition).count()

    with pytest.raises(NotAllowed) as caught:
        action(cast, petition, getattr(cast, outsider))

    assert caught.value.code == "not_allowed"
    assert Event.objects.filter(petition=petition).count() == events_before


@pytest.mark.parametrize(("state", "action", "allowed"), ACTIONS)
def test_insider_with_the_role_can_act(cast, state, action, allowed):
    petition = BUILDERS[state](cast)

    action(cast, petition, getattr(cast, allowed))

    assert Event.objects.filter(petition=petition).count() > 1


@pytest.mark.parametrize(
    ("member", "action"),
    [
        ("applicant", lambda c, p, u: services.receive(u, p)),
        ("handler", lambda c, p, u: services.receive(u, p)),
        ("clerk", lambda c, p, u: services.withdraw(u, p)),
    ],
)
def test_wrong_role_at_the_right_court_cannot_act(cast, member, action):
    petition = helpers.submitted(cast)

    with pytest.raises(NotAllowed):
        action(cast, petition, getattr(cast, member))


def test_handler_not_assigned_cannot_draft_reply(cast):
    from accounts.roles import Role
    from accounts.staff import add_staff_member

    petition = helpers.accepted(cast)
    colleague = add_staff_member("colleague", court=cast.court, roles=[Role.HANDLER], department=cast.department)

    with pytest.raises(NotAllowed):
        services.draft_reply(colleague, petition, text="答复")
