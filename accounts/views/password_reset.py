"""Password reset by SMS code: the mobile number, then the code with a new password."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import registration
from accounts.errors import AccountError
from accounts.forms import NewPasswordForm, PhoneForm
from accounts.phones import mask_phone
from accounts.signals import client_ip

SESSION_KEY = "accounts_reset_phone"


def reset_start(request):
    form = PhoneForm(request.POST or None, initial={"phone": request.GET.get("phone", "")})
    error_code = ""
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            registration.start_password_reset(phone, ip_address=client_ip(request))
        except AccountError as error:
            form.add_error(error.field or None, error.message)
            error_code = error.code
        else:
            request.session[SESSION_KEY] = phone
            messages.success(request, _("A code was texted to %(phone)s.") % {"phone": mask_phone(phone)})
            return redirect("accounts:password_reset_verify")

    return render(request, "accounts/password_reset.html", {"form": form, "error_code": error_code})


def reset_verify(request):
    phone = request.session.get(SESSION_KEY)
    if not phone:
        return redirect("accounts:password_reset")

    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration.complete_password_reset(
                phone, form.cleaned_data["code"], form.cleaned_data["password1"]
            )
        except AccountError as error:
            form.add_error("code", error.message)
        else:
            del request.session[SESSION_KEY]
            messages.success(request, _("Your password was changed. Log in with the new password."))
            return redirect("accounts:login")

    context = {"form": form, "masked_phone": mask_phone(phone)}
    return render(request, "accounts/password_reset_verify.html", context)


@require_POST
def reset_resend(request):
    phone = request.session.get(SESSION_KEY)
    if not phone:
        return redirect("accounts:password_reset")
    try:
        registration.start_password_reset(phone, ip_address=client_ip(request))
    except AccountError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("A new code was texted to %(phone)s.") % {"phone": mask_phone(phone)})
    return redirect("accounts:password_reset_verify")
