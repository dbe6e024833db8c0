from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("courts/", include("courts.urls")),
    path("notices/", include("notifications.urls")),
    path("petitions/", include("petitions.urls")),
    path("api/", include("api.urls")),
    path("", include("core.urls")),
]
