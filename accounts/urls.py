from django.contrib.auth import views as auth_views
from django.urls import path

from accounts.views import login, password_reset, profile, signup, staff

app_name = "accounts"

urlpatterns = [
    path("", profile.home, name="home"),
    path("login/", login.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", signup.signup, name="signup"),
    path("signup/verify/", signup.signup_verify, name="signup_verify"),
    path("signup/resend/", signup.signup_resend, name="signup_resend"),
    path("password-reset/", password_reset.reset_start, name="password_reset"),
    path("password-reset/verify/", password_reset.reset_verify, name="password_reset_verify"),
    path("password-reset/resend/", password_reset.reset_resend, name="password_reset_resend"),
    path("profile/", profile.profile, name="profile"),
    path("my-data/", profile.my_data, name="my_data"),
    path("my-data/download/", profile.my_data_download, name="my_data_download"),
    path("staff/applicants/<int:user_id>/", staff.applicant_profile, name="staff_applicant_profile"),
]
