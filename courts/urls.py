from django.urls import path

app_name = "courts"

urlpatterns = []
