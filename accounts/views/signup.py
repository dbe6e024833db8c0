"""Sign-up in two steps: the mobile number, then the SMS code with a password."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import registration
from accounts.errors import AccountError
from accounts.forms import NewPasswordForm, PhoneForm
from accounts.phones import mask_phone
from accounts.views.code_steps import resend_code, send_first_code

SESSION_KEY = "accounts_signup_phone"
BACKEND = "accounts.backends.PhoneOrUsernameBackend"


def signup(request):
    if request.user.is_authenticated:
        return redirect("core:dashboard")

    form = PhoneForm(request.POST or None, initial={"phone": request.session.get(SESSION_KEY, "")})
    response, error_code = send_first_code(
        request, form, registration.start_signup, session_key=SESSION_KEY, next_url="accounts:signup_verify"
    )
    if response:
        return response
    return render(request, "accounts/signup.html", {"form": form, "error_code": error_code})


def signup_verify(request):
    phone = request.session.get(SESSION_KEY)
    if not phone:
        return redirect("accounts:signup")

    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = registration.complete_signup(
                phone, form.cleaned_data["code"], form.cleaned_data["password1"]
            )
        except AccountError as error:
            form.add_error("code" if error.field in ("code", "") else None, error.message)
        else:
            del request.session[SESSION_KEY]
            login(request, user, backend=BACKEND)
            messages.success(
                request, _("Your account is ready. Now enter your real-name details, once only.")
            )
            return redirect("accounts:profile")

    context = {"form": form, "masked_phone": mask_phone(phone)}
    return render(request, "accounts/signup_verify.html", context)


@require_POST
def signup_resend(request):
    return resend_code(
        request,
        registration.start_signup,
        session_key=SESSION_KEY,
        start_url="accounts:signup",
        verify_url="accounts:signup_verify",
    )
