from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import throttling
from accounts.idnumbers import IdType, validate_id_number, validate_lawyer_licence
from accounts.models import ApplicantProfile
from accounts.phones import validate_phone
from accounts.signals import client_ip


class PlainLabelForm(forms.Form):
    """A form whose labels carry no suffix: Django's ":" would follow Chinese punctuation."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PhoneForm(PlainLabelForm):
    phone = forms.CharField(
        label=gettext_lazy("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "numeric"}),
        help_text=gettext_lazy("11 digits, for example 13812345678. We text a code to this number."),
    )

    def clean_phone(self):
        return validate_phone(self.cleaned_data["phone"])


class NewPasswordForm(PlainLabelForm):
    """An SMS code and a new password typed twice."""

    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        help_text=gettext_lazy("The 6 digits in the text message we sent you."),
        error_messages={"min_length": gettext_lazy("The verification code has 6 digits.")},
    )
    password1 = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("At least 8 characters, not only digits."),
    )
    password2 = forms.CharField(
        label=gettext_lazy("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Type the same password again, to rule out a typing mistake."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise ValidationError(_("The verification code has 6 digits."), code="code_format")
        return code

    def clean_password1(self):
        password = self.cleaned_data["password1"]
        try:
            password_validation.validate_password(password, self.user)
        except ValidationError as error:
            raise ValidationError([_translated_password_error(item) for item in error.error_list])
        return password

    def clean_password2(self):
        first = self.data.get(self.add_prefix("password1"))
        second = self.cleaned_data["password2"]
        if first and first != second:
            raise ValidationError(
                _("The two passwords are different. Type the same password twice."),
                code="password_mismatch",
            )
        return second


def _translated_password_error(error):
    """Return ``error`` with a message in the request language.

    Django 5.2.19 changed the msgid of the minimum-length message to use
    ``%d`` while its shipped translations still use ``%(min_length)d``, so
    that message would stay in English.
    """
    if error.code != "password_too_short":
        return error
    min_length = (error.params or {}).get("min_length", 8)
    return ValidationError(
        _("The password is too short. Use at least %(min_length)s characters.")
        % {"min_length": min_length},
        code=error.code,
    )


class LoginForm(AuthenticationForm):
    """Login by mobile number or login name, throttled after repeated wrong passwords."""

    username = forms.CharField(
        label=gettext_lazy("Mobile number or login name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": gettext_lazy(
            "The mobile number, login name or password is wrong. Check them and try again."
        ),
    }

    def clean(self):
        identifier = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not identifier or not password:
            return self.cleaned_data

        ip_address = client_ip(self.request)
        until = throttling.locked_until(identifier, ip_address)
        if until is not None:
            raise self._locked_error(until)

        self.user_cache = authenticate(self.request, username=identifier, password=password)
        if self.user_cache is None:
            until = throttling.record_login_failure(identifier, ip_address)
            if until is not None:
                raise self._locked_error(until)
            raise self.get_invalid_login_error()

        self.confirm_login_allowed(self.user_cache)
        throttling.clear_login_failures(self.user_cache)
        return self.cleaned_data

    def _locked_error(self, until):
        local = timezone.localtime(until)
        return ValidationError(
            _(
                "Too many wrong passwords. For your safety, logging in is paused until %(time)s. "
                "You can also reset the password by SMS."
            ),
            code="login_locked",
            params={"time": formats.time_format(local, "H:i")},
        )


class ProfileForm(PlainLabelForm):
    real_name = forms.CharField(
        label=gettext_lazy("Real name"),
        max_length=50,
        error_messages={"required": gettext_lazy("Enter your real name.")},
        help_text=gettext_lazy("As on your identity document."),
    )
    id_type = forms.ChoiceField(label=gettext_lazy("ID type"), choices=IdType.choices)
    id_number = forms.CharField(
        label=gettext_lazy("ID number"),
        max_length=30,
        error_messages={"required": gettext_lazy("Enter the number of your identity document.")},
        help_text=gettext_lazy("A resident ID number has 18 characters; the last may be X."),
    )
    address = forms.CharField(
        label=gettext_lazy("Address"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter an address where court letters can reach you.")},
        help_text=gettext_lazy("Where court letters can reach you."),
    )
    agent_kind = forms.ChoiceField(
        label=gettext_lazy("Do you file for someone else?"),
        choices=ApplicantProfile.AgentKind.choices,
        initial=ApplicantProfile.AgentKind.NONE,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "An agent files with a power of attorney signed by the person they act for."
        ),
    )
    lawyer_licence_number = forms.CharField(
        label=gettext_lazy("Lawyer's licence number (lawyers only)"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("Lawyers only: the 17 digits on the practising certificate."),
    )

    def clean(self):
        data = super().clean()
        id_type = data.get("id_type")
        if id_type and data.get("id_number"):
            try:
                data["id_number"] = validate_id_number(id_type, data["id_number"])
            except ValidationError as error:
                self.add_error("id_number", error)

        if data.get("agent_kind") == ApplicantProfile.AgentKind.LAWYER:
            try:
                data["lawyer_licence_number"] = validate_lawyer_licence(
                    data.get("lawyer_licence_number")
                )
            except ValidationError as error:
                self.add_error("lawyer_licence_number", error)
        return data

    @classmethod
    def initial_for(cls, profile):
        if profile is None:
            return {}
        fields = ["real_name", "id_type", "id_number", "address", "agent_kind", "lawyer_licence_number"]
        return {name: getattr(profile, name) for name in fields}
