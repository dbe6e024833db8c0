"""Sign-up in two steps: the mobile number, then the SMS code with a password."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import registration
from accounts.errors import AccountError
from accounts.forms import NewPasswordForm, PhoneForm
from accounts.models import PhoneCode
from accounts.phones import mask_phone
from accounts.profiles import has_complete_profile
from accounts.views.code_steps import check_code_of_invalid_form, resend_code, send_first_code
from accounts.views.profile import safe_next_url

SESSION_KEY = "accounts_signup_phone"
# The page the visitor set out for before signing up, such as the filing form.
NEXT_SESSION_KEY = "accounts_signup_next"
BACKEND = "accounts.backends.PhoneOrUsernameBackend"


def signup(request):
    if request.user.is_authenticated:
        return redirect("core:dashboard")

    next_url = safe_next_url(request)
    if next_url:
        request.session[NEXT_SESSION_KEY] = next_url

    form = PhoneForm(request.POST or None, initial={"phone": request.session.get(SESSION_KEY, "")})
    response, error_code = send_first_code(
        request, form, registration.start_signup, session_key=SESSION_KEY, next_url="accounts:signup_verify"
    )
    if response:
        return response
    context = {"form": form, "error_code": error_code, "next": next_url}
    return render(request, "accounts/signup.html", context)


def signup_verify(request):
    phone = request.session.get(SESSION_KEY)
    if not phone:
        return redirect("accounts:signup")

    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and not form.is_valid():
        check_code_of_invalid_form(form, phone, PhoneCode.Purpose.SIGNUP)
    elif request.method == "POST":
        try:
            user = registration.complete_signup(
                phone, form.cleaned_data["code"], form.cleaned_data["password1"]
            )
        except AccountError as error:
            form.add_error("code" if error.field in ("code", "") else None, error.message)
        else:
            del request.session[SESSION_KEY]
            next_url = request.session.pop(NEXT_SESSION_KEY, "")
            login(request, user, backend=BACKEND)
            return _after_signup(request, user, next_url)

    context = {"form": form, "masked_phone": mask_phone(phone)}
    return render(request, "accounts/signup_verify.html", context)


def _after_signup(request, user, next_url):
    # A claimed account already has the profile its agent entered, and matters to follow.
    if has_complete_profile(user):
        messages.success(
            request,
            _("Your account is ready. The matters filed for you are listed under “My matters”."),
        )
        return redirect(next_url or "petitions:my_matters")

    messages.success(request, _("Your account is ready. Now enter your real-name details, once only."))
    return redirect(_profile_url(next_url))


def _profile_url(next_url):
    url = reverse("accounts:profile")
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return url


@require_POST
def signup_resend(request):
    return resend_code(
        request,
        registration.start_signup,
        session_key=SESSION_KEY,
        start_url="accounts:signup",
        verify_url="accounts:signup_verify",
    )
