"""Mark the calendar as changed whenever a calendar or policy row is saved or deleted.

The services also mark it after bulk writes, which send no signals.
"""

from django.db.models.signals import post_delete, post_save

from workdays.index import bump_version


def calendar_row_changed(sender, **kwargs):
    bump_version()


def connect():
    from workdays.models import CalendarDay, CalendarYear, DeadlinePolicy

    for model in (CalendarDay, CalendarYear, DeadlinePolicy):
        post_save.connect(calendar_row_changed, sender=model, dispatch_uid=f"workdays-save-{model.__name__}")
        post_delete.connect(calendar_row_changed, sender=model, dispatch_uid=f"workdays-delete-{model.__name__}")
