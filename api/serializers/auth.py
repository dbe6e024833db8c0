"""Bodies of the sign-up, login and token endpoints."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accounts.models import PhoneCode
from accounts.phones import validate_phone
from api.serializers.base import InputSerializer


class PhoneField(serializers.CharField):
    """A mainland mobile number in any common spelling, returned as 11 digits."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Mobile number"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", gettext_lazy("11 digits, for example 13812345678."))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return validate_phone(super().to_internal_value(data))


class CodeField(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Verification code"))
        kwargs.setdefault("help_text", gettext_lazy("The 6 digits of the text message."))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        code = super().to_internal_value(data).strip()
        if len(code) != 6 or not code.isdigit():
            raise ValidationError(_("The verification code has 6 digits."), code="code_format")
        return code


def checked_password(value):
    password_validation.validate_password(value)
    return value


class SmsCodeRequestSerializer(InputSerializer):
    phone = PhoneField()
    purpose = serializers.ChoiceField(
        label=gettext_lazy("Purpose"),
        choices=[PhoneCode.Purpose.SIGNUP, PhoneCode.Purpose.PASSWORD_RESET],
        help_text=gettext_lazy("signup for a new account, password_reset to set a new password."),
    )


class SmsCodeSentSerializer(serializers.Serializer):
    phone = serializers.CharField(help_text="The number with its middle digits hidden.")
    purpose = serializers.CharField()
    expires_in = serializers.IntegerField(help_text="Seconds the code stays valid.")


class SignupSerializer(InputSerializer):
    phone = PhoneField()
    code = CodeField()
    password = serializers.CharField(
        label=gettext_lazy("Password"),
        write_only=True,
        trim_whitespace=False,
        max_length=128,
        help_text=gettext_lazy("At least 8 characters, not only digits."),
    )

    def validate_password(self, value):
        return checked_password(value)


class LoginSerializer(InputSerializer):
    username = serializers.CharField(
        label=gettext_lazy("Mobile number or login name"),
        max_length=150,
        help_text=gettext_lazy("Applicants use their mobile number; court staff their login name."),
    )
    password = serializers.CharField(
        label=gettext_lazy("Password"), write_only=True, trim_whitespace=False, max_length=128
    )


class RefreshSerializer(InputSerializer):
    refresh_token = serializers.CharField(label=gettext_lazy("Refresh token"), max_length=200)


class TokenPairSerializer(serializers.Serializer):
    token_type = serializers.CharField(help_text="Always Bearer.")
    access_token = serializers.CharField()
    access_expires_at = serializers.DateTimeField()
    refresh_token = serializers.CharField()
    refresh_expires_at = serializers.DateTimeField()


class StaffSerializer(serializers.Serializer):
    court_id = serializers.IntegerField()
    court_name = serializers.CharField(source="court.name")
    department_name = serializers.CharField(source="department.name", allow_null=True, default=None)
    roles = serializers.ListField(child=serializers.CharField())


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    phone = serializers.CharField(allow_null=True, help_text="Masked, for example 138****5678.")
    profile_complete = serializers.BooleanField()
    staff = StaffSerializer(allow_null=True)
    unread_notices = serializers.IntegerField()
