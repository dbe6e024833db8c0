from django.contrib.auth import views as auth_views
from django.urls import reverse

from accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    """Login for applicants (mobile number) and staff (login name) on one page."""

    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # "Check progress" on the home page leads here first; say why.
        context["for_progress"] = context.get("next") == reverse("core:progress_start")
        return context
