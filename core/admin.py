from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.context_processors import PLATFORM_NAME

# The admin is where court administrators work, so it carries the platform's name.
admin.site.site_header = PLATFORM_NAME
admin.site.site_title = PLATFORM_NAME
admin.site.index_title = _("Administration")
