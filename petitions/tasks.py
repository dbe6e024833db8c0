"""Background tasks, run by the django-tasks worker (``manage.py db_worker``).

Nothing here schedules itself: a scheduler (cron, a systemd timer) enqueues
these daily or runs the management commands of the same names.
"""

from django_tasks import task

from petitions import overdue
from petitions.services import closing


@task()
def scan_overdue():
    return overdue.scan_overdue()


@task()
def close_unrated():
    return closing.close_unrated()
