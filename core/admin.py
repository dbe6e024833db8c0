from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.context_processors import PLATFORM_NAME

# The admin is where court administrators work, so it carries the platform's name.
admin.site.site_header = PLATFORM_NAME
admin.site.site_title = PLATFORM_NAME
admin.site.index_title = _("Administration")

# The database task backend (django-tasks-db 0.13) names its app in a plain,
# untranslatable string, so it is renamed here.
apps.get_app_config("django_tasks_database").verbose_name = _("Background tasks")

# django-tasks and django-tasks-db mark these names for translation but ship
# no Chinese. Listing them here lets makemessages copy them into core's
# catalogue, which Django consults for every app.
TASK_ADMIN_NAMES = (
    _("Task Result"),
    _("Task Results"),
    _("enqueued at"),
    _("started at"),
    _("finished at"),
    _("args kwargs"),
    _("priority"),
    _("task path"),
    _("worker id"),
    _("queue name"),
    _("backend name"),
    _("run after"),
    _("return value"),
    _("exception class path"),
    _("traceback"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)
