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
from accounts.signals import client_ip

SESSION_KEY = "accounts_signup_phone"
BACKEND = "accounts.backends.PhoneOrUsernameBackend"


def signup(request):
    if request.user.is_authenticated:
        return redirect("core:dashboard")

    form = PhoneForm(request.POST or None, initial={"phone": request.session.get(SESSION_KEY, "")})
    error_code = ""
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            registration.start_signup(phone, ip_address=client_ip(request))
        except AccountError as error:
            form.add_error(error.field or None, error.message)
            error_code = error.code
        else:
            request.session[SESSION_KEY] = phone
            messages.success(request, _("A code was texted to %(phone)s.") % {"phone": mask_phone(phone)})
            return redirect("accounts:signup_verify")

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
    phone = request.session.get(SESSION_KEY)
    if not phone:
        return redirect("accounts:signup")
    try:
        registration.start_signup(phone, ip_address=client_ip(request))
    except AccountError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("A new code was texted to %(phone)s.") % {"phone": mask_phone(phone)})
    return redirect("accounts:signup_verify")
