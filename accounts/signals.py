"""Login history: each login, logout and wrong password is kept for the account's owner."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.backends import find_user
from accounts.models import LoginRecord


def client_ip(request):
    """Return the client's address as the web server reports it.

    NOTE: behind a reverse proxy this is the proxy's address unless the
    proxy sets REMOTE_ADDR (gunicorn with --forwarded-allow-ips does).
    """
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _record(user, kind, request):
    agent = request.META.get("HTTP_USER_AGENT", "")[:200] if request is not None else ""
    LoginRecord.objects.create(user=user, kind=kind, ip_address=client_ip(request), user_agent=agent)


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    _record(user, LoginRecord.Kind.LOGIN, request)


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        _record(user, LoginRecord.Kind.LOGOUT, request)


@receiver(user_login_failed)
def record_failure(sender, credentials, request=None, **kwargs):
    user = find_user(credentials.get("username"))
    if user is not None:
        _record(user, LoginRecord.Kind.FAILED, request)
