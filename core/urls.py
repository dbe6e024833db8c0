from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("start/file/", views.file_start, name="file_start"),
    path("start/progress/", views.progress_start, name="progress_start"),
]
