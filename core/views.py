from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse


def home(request):
    return render(request, "core/home.html")


@login_required
def dashboard(request):
    """Send each user to their starting page: staff to their queue by role, applicants to their matters."""
    return redirect_to_first(landing_url_names(request.user))


@login_required
def file_start(request):
    return redirect_to_first(["petitions:file", "core:dashboard"])


@login_required
def progress_start(request):
    return redirect_to_first(["petitions:my_matters", "core:dashboard"])


def landing_url_names(user):
    if hasattr(user, "staff_membership"):
        # Court staff without admin rights would only meet the admin's login page.
        return [*_staff_start(user), "petitions:workbench", "admin:index" if user.is_staff else "accounts:home"]
    if user.is_staff:
        return ["admin:index"]
    return ["petitions:my_matters", "accounts:home", "core:home"]


def _staff_start(user):
    """Return the staff member's starting page by role (approvals, own cases or the intake queue)."""
    try:
        from petitions.views.staff import landing_url_name
    except ImportError:
        return []
    name = landing_url_name(user)
    return [name] if name else []


def redirect_to_first(url_names):
    """Redirect to the first named URL that exists, so the links work while apps grow."""
    for name in url_names:
        try:
            return redirect(reverse(name))
        except NoReverseMatch:
            continue
    return redirect("core:home")
