"""Building blocks shared by the lifecycle functions."""

import logging

from django.db import transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from workdays.calendar import local_date

from accounts.models import StaffMembership
from notifications.texts import NoticeText
from petitions.errors import ConcurrentChange, InvalidTransition
from petitions.events import record_event
from petitions.models import Petition, Status

logger = logging.getLogger(__name__)


def today():
    return local_date(timezone.now())


def transition(
    petition,
    actor,
    action,
    *,
    from_statuses,
    to_status,
    changes=None,
    public_message="",
    internal_note="",
    details=None,
):
    """Move the petition from one of ``from_statuses`` to ``to_status`` and record the event.

    The UPDATE names the status and version the caller read, so of two
    concurrent writers exactly one succeeds and the other gets
    ConcurrentChange. The instance is refreshed from the database afterwards.
    """
    old_status = petition.status
    if old_status not in from_statuses:
        raise InvalidTransition()

    fields = {"status": to_status, "version": F("version") + 1, "updated_at": timezone.now()}
    fields.update(changes or {})
    updated = Petition.objects.filter(
        pk=petition.pk, status=old_status, version=petition.version
    ).update(**fields)
    if updated != 1:
        raise ConcurrentChange()

    petition.refresh_from_db()
    record_event(
        petition,
        actor,
        action,
        old_status=old_status,
        new_status=to_status,
        public_message=public_message,
        internal_note=internal_note,
        details=details,
    )
    logger.info("Petition %s: %s (%s -> %s)", petition.pk, action, old_status, to_status)
    return petition


def touch(petition, changes=None):
    """Bump the version without a status change, with the same conflict check as transition()."""
    fields = {"version": F("version") + 1, "updated_at": timezone.now()}
    fields.update(changes or {})
    updated = Petition.objects.filter(
        pk=petition.pk, status=petition.status, version=petition.version
    ).update(**fields)
    if updated != 1:
        raise ConcurrentChange()
    petition.refresh_from_db()
    return petition


def petition_link(petition):
    """Return the path of the petition's page, or "" before the web pages exist."""
    try:
        return reverse("petitions:detail", args=[petition.pk])
    except NoReverseMatch:
        return ""


def notify_on_commit(recipients, title, body, petition, *, sms=True):
    """Send the notice to each recipient once the transaction has committed.

    Notices of a rolled-back action are never sent. Title and body are
    rendered now, in the active language, so that lazy strings do not
    outlive the request. A title or body given as a NoticeText also keeps
    its msgid and parameters, so the notice pages show it in the reader's
    language.
    """
    from notifications.services import notify

    title = notice_title(title, petition)
    sources = {"title_source": _source(title), "body_source": _source(body)}
    title = str(title)
    body = str(body)
    link = petition_link(petition)
    unique = {user.pk: user for user in recipients if user is not None}

    def send():
        for user in unique.values():
            notify(user, title, body, petition=petition, link=link, sms=sms, **sources)

    transaction.on_commit(send)


def _source(text):
    return text.to_json() if isinstance(text, NoticeText) else None


def notice_title(title, petition):
    """Return ``title`` naming the matter, and the party's deadline while one runs.

    A text message carries only the title, so the title alone must say which
    matter it is about and, while the applicant must act, by when. A
    NoticeText title gives a NoticeText, and any other title a string.
    """
    number = petition.tracking_number
    if isinstance(title, NoticeText):
        return _source_title(title, petition) if number else title

    title = str(title)
    if not number:
        return title
    if petition.status == Status.AWAITING_CORRECTION and petition.correction_due:
        return _("%(title)s: matter %(number)s, due %(date)s") % {
            "title": title,
            "number": number,
            "date": formats.date_format(petition.correction_due),
        }
    return _("%(title)s: matter %(number)s") % {"title": title, "number": number}


def _source_title(title, petition):
    # The same msgids as the plain-text branch of notice_title.
    number = petition.tracking_number
    if petition.status == Status.AWAITING_CORRECTION and petition.correction_due:
        return NoticeText(
            gettext_noop("%(title)s: matter %(number)s, due %(date)s"),
            title=title,
            number=number,
            date=petition.correction_due,
        )
    return NoticeText(gettext_noop("%(title)s: matter %(number)s"), title=title, number=number)


def staff_with_role(court_id, role, *, department_id=None):
    """Return the users at a court holding a role, optionally in one department."""
    memberships = StaffMembership.objects.filter(court_id=court_id).select_related("user")
    if department_id is not None:
        # Staff without a department work for the whole court.
        memberships = memberships.filter(Q(department_id=department_id) | Q(department__isnull=True))
    # Roles are a JSON list; filtering in Python works on SQLite and PostgreSQL
    # alike, and one court's staff is a short list.
    return [m.user for m in memberships if m.has_role(role) and m.user.is_active]
