from notifications.models import unread_count


def notices(request):
    """Add the unread notice count for the header; one indexed count per page view."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"UNREAD_NOTICE_COUNT": unread_count(user)}
