"""Pages for court staff about applicants."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accounts.access import can_see_applicant, log_personal_data_access
from accounts.profiles import profiles_sharing_id_number

PROFILE_FIELDS = ["real_name", "id_type", "id_number", "address", "phone"]


@login_required
def applicant_profile(request, user_id):
    """Show an applicant's full real-name profile to staff who handle one of their matters.

    Anyone else gets 404. Each view is written to the personal data access log.
    """
    subject = get_object_or_404(get_user_model(), pk=user_id)
    if not can_see_applicant(request.user, subject):
        raise Http404

    reason = "accounts:staff_applicant_profile"
    petition_id = request.GET.get("petition", "")
    if petition_id.isdigit():
        reason += f" petition={petition_id}"
    log_personal_data_access(request.user, subject, PROFILE_FIELDS, reason)

    profile = getattr(subject, "applicant_profile", None)
    context = {
        "subject": subject,
        "profile": profile,
        "same_id_count": profiles_sharing_id_number(profile).count() if profile else 0,
    }
    return render(request, "accounts/staff_applicant_profile.html", context)
