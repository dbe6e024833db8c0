"""Who may act on a petition.

Parties (the applicant and, when filed through one, the agent) act on their
own matters. Staff act only for the court that received the matter and only
with the role the action needs. Supervisors at higher courts may see lower
courts' matters (see ``queries.visible_petitions``) but act on none of them.
"""

from accounts import access
from accounts.roles import Role

from petitions.errors import NotAllowed


def is_party(user, petition):
    return user.is_authenticated and user.pk in (petition.applicant_id, petition.agent_id)


def require_party(user, petition):
    if not is_party(user, petition):
        raise NotAllowed()


def acting_membership(user, petition, *roles):
    """Return the user's staff membership if it may act on the petition with one of roles."""
    if not user.is_authenticated:
        return None

    membership = access.staff_membership(user)
    if membership is None or membership.court_id != petition.receiving_court_id:
        return None
    if not membership.has_any_role(*roles):
        return None
    return membership


def require_staff(user, petition, *roles):
    """Return the acting membership, or raise NotAllowed."""
    membership = acting_membership(user, petition, *roles)
    if membership is None:
        raise NotAllowed()
    return membership


def require_assigned(user, membership, petition):
    """Allow the assigned handler, or a head of the department the matter is assigned to.

    Checked after the state, because only an accepted matter has a handler.
    """
    if petition.handler_id == user.pk or is_department_head(membership, petition):
        return
    raise NotAllowed()


def require_heads_department(membership, petition):
    """Allow a department head of the matter's department; checked after the state."""
    if not is_department_head(membership, petition):
        raise NotAllowed()


def is_department_head(membership, petition):
    # A head without a department heads the whole court's casework.
    if not membership.has_role(Role.DEPARTMENT_HEAD):
        return False
    return membership.department_id is None or membership.department_id == petition.department_id
