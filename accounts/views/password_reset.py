"""Password reset by SMS code: the mobile number, then the code with a new password."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import registration
from accounts.errors import AccountError
from accounts.forms import NewPasswordForm, PhoneForm
from accounts.models import PhoneCode
from accounts.phones import mask_phone
from accounts.views.code_steps import check_code_of_invalid_form, resend_code, send_first_code

SESSION_KEY = "accounts_reset_phone"


def reset_start(request):
    form = PhoneForm(request.POST or None, initial={"phone": request.GET.get("phone", "")})
    response, error_code = send_first_code(
        request,
        form,
        registration.start_password_reset,
        session_key=SESSION_KEY,
        next_url="accounts:password_reset_verify",
    )
    if response:
        return response
    return render(request, "accounts/password_reset.html", {"form": form, "error_code": error_code})


def reset_verify(request):
    phone = request.session.get(SESSION_KEY)
    if not phone:
        return redirect("accounts:password_reset")

    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and not form.is_valid():
        check_code_of_invalid_form(form, phone, PhoneCode.Purpose.PASSWORD_RESET)
    elif request.method == "POST":
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
    return resend_code(
        request,
        registration.start_password_reset,
        session_key=SESSION_KEY,
        start_url="accounts:password_reset",
        verify_url="accounts:password_reset_verify",
    )
