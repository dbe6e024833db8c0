"""The applicant's own pages: overview, real-name profile and personal data download."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.access import staff_membership
from accounts.export import collect_personal_data
from accounts.forms import ProfileForm
from accounts.profiles import save_profile


@login_required
def home(request):
    """The applicant's start page until the petitions app lists their matters; staff see their court."""
    context = {
        "profile": getattr(request.user, "applicant_profile", None),
        "membership": staff_membership(request.user),
    }
    return render(request, "accounts/home.html", context)


@login_required
def profile(request):
    current = getattr(request.user, "applicant_profile", None)
    if current is not None and current.is_complete and "edit" not in request.GET:
        return render(request, "accounts/profile_summary.html", {"profile": current})

    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(current))
    if request.method == "POST" and form.is_valid():
        try:
            save_profile(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your real-name details were saved."))
            return redirect(safe_next_url(request) or "core:dashboard")

    return render(request, "accounts/profile_form.html", {"form": form, "next": safe_next_url(request)})


@login_required
def my_data(request):
    return render(request, "accounts/my_data.html")


@login_required
def my_data_download(request):
    data = collect_personal_data(request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"my-data-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal data must not stay in shared caches or the browser's cache.
    response["Cache-Control"] = "no-store"
    return response


def safe_next_url(request):
    """Return the ``next`` parameter when it points to this site, else an empty string."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""
