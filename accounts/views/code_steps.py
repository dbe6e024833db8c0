"""The SMS-code steps shared by sign-up and password reset."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts import verification
from accounts.errors import AccountError
from accounts.phones import mask_phone
from accounts.signals import client_ip


def send_first_code(request, form, send, *, session_key, next_url):
    """Send a code to the number in a valid posted ``form``.

    Returns ``(redirect, "")`` on success, or ``(None, error_code)`` with
    the error added to the form so the page can be shown again.
    """
    if request.method != "POST" or not form.is_valid():
        return None, ""

    phone = form.cleaned_data["phone"]
    try:
        send(phone, ip_address=client_ip(request))
    except AccountError as error:
        form.add_error(error.field or None, error.message)
        return None, error.code

    request.session[session_key] = phone
    messages.success(request, _("A code was texted to %(phone)s.") % {"phone": mask_phone(phone)})
    return redirect(next_url), ""


def resend_code(request, send, *, session_key, start_url, verify_url):
    """Send another code to the number kept in the session, then go back to the code form."""
    phone = request.session.get(session_key)
    if not phone:
        return redirect(start_url)

    try:
        send(phone, ip_address=client_ip(request))
    except AccountError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("A new code was texted to %(phone)s.") % {"phone": mask_phone(phone)})
    return redirect(verify_url)


def check_code_of_invalid_form(form, phone, purpose):
    """Add the code's own error to a ``form`` that failed on other fields.

    The page then lists every mistake at once instead of showing the wrong
    code only after the passwords are fixed. A matching code stays unused.
    """
    if "code" in form.errors or not form.cleaned_data.get("code"):
        return
    try:
        verification.check_code(phone, purpose, form.cleaned_data["code"])
    except AccountError as error:
        form.add_error("code", error.message)
