"""Background tasks of the API, run by the django-tasks worker (``manage.py db_worker``)."""

from django_tasks import task

from api import maintenance


@task()
def purge_expired():
    return maintenance.purge_expired()
