from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse

from accounts.profiles import has_complete_profile


def profile_required(view):
    """Send a logged-in user without a complete real-name profile to the profile form, then back."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not has_complete_profile(request.user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:profile')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper
