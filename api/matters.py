"""What the applicant sees of a matter beyond its fields: the open notice, the reply, the allowed steps.

The allowed steps only decide what a client offers; each step's domain
function still decides when it is taken.
"""

from dataclasses import dataclass

from django.http import Http404

from petitions.models import WITHDRAWABLE_STATUSES, Rating, Status
from petitions.permissions import is_party
from petitions.queries import final_reply, get_petition_for, open_correction, review_allowed
from petitions.views.common import today


def party_petition(user, pk):
    """Return the petition if ``user`` is its applicant or agent; raise Http404 for everyone else."""
    petition = get_petition_for(user, pk)
    if not is_party(user, petition):
        raise Http404("No such matter.")
    return petition


@dataclass(frozen=True)
class AllowedSteps:
    edit: bool
    withdraw: bool
    supplement: bool
    rate: bool
    request_review: bool


@dataclass(frozen=True)
class ApplicantView:
    open_correction: object
    reply: object
    rating: object
    transfer: object
    allowed: AllowedSteps


def applicant_view(petition):
    on_date = today()
    rating = Rating.objects.filter(petition=petition).first()
    allowed = AllowedSteps(
        edit=petition.status == Status.DRAFT,
        withdraw=petition.status in WITHDRAWABLE_STATUSES,
        supplement=petition.status == Status.AWAITING_CORRECTION,
        rate=rating is None and petition.status == Status.REPLIED and on_date <= petition.rating_due,
        request_review=review_allowed(petition, on_date),
    )
    return ApplicantView(
        open_correction=open_correction(petition),
        reply=final_reply(petition),
        rating=rating,
        transfer=getattr(petition, "transfer", None) if petition.status == Status.TRANSFERRED else None,
        allowed=allowed,
    )





