from notifications.models import Notice


def export_notices(user):
    """Return every notice sent to ``user``, for their personal data download."""
    return [
        {
            "title": notice.title,
            "body": notice.body,
            "link": notice.link,
            "petition_id": notice.petition_id,
            "created_at": notice.created_at.isoformat(),
            "read_at": notice.read_at.isoformat() if notice.read_at else None,
        }
        for notice in Notice.objects.filter(recipient=user).order_by("created_at", "pk")
    ]
