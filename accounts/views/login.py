from django.contrib.auth import views as auth_views

from accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    """Login for applicants (mobile number) and staff (login name) on one page."""

    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True
