from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from api.views import applicant, auth, docs, files, health, lookups, notices, staff, uploads

app_name = "api"

v1 = [
    # Sign-up, login and tokens.
    path("auth/sms-codes", auth.SmsCodeView.as_view(), name="sms_codes"),
    path("auth/signup", auth.SignupView.as_view(), name="signup"),
    path("auth/password-reset", auth.PasswordResetView.as_view(), name="password_reset"),
    path("auth/login", auth.LoginView.as_view(), name="login"),
    path("auth/refresh", auth.RefreshView.as_view(), name="refresh"),
    path("auth/logout", auth.LogoutView.as_view(), name="logout"),
    path("me", auth.MeView.as_view(), name="me"),
    path("me/profile", applicant.ProfileView.as_view(), name="profile"),
    # Look-ups without login.
    path("courts", lookups.CourtSearchView.as_view(), name="courts"),
    path("courts/<int:pk>/children", lookups.CourtChildrenView.as_view(), name="court_children"),
    path("case-numbers/parse", lookups.CaseNumberView.as_view(), name="case_number"),
    path("working-days/check", lookups.WorkingDayView.as_view(), name="working_day"),
    path("working-days/add", lookups.AddWorkingDaysView.as_view(), name="add_working_days"),
    # The applicant's matters.
    path("petitions", applicant.PetitionListView.as_view(), name="petitions"),
    path("petitions/<int:pk>", applicant.PetitionDetailView.as_view(), name="petition"),
    path("petitions/<int:pk>/attachments", applicant.AttachmentUploadView.as_view(), name="attachments"),
    path(
        "petitions/<int:pk>/attachments/<int:attachment_id>",
        files.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    path("petitions/<int:pk>/submit", applicant.SubmitView.as_view(), name="submit"),
    path("petitions/<int:pk>/withdraw", applicant.WithdrawView.as_view(), name="withdraw"),
    path("petitions/<int:pk>/timeline", applicant.TimelineView.as_view(), name="timeline"),
    path("petitions/<int:pk>/corrections", applicant.CorrectionListView.as_view(), name="corrections"),
    path("petitions/<int:pk>/supplement", applicant.SupplementView.as_view(), name="supplement"),
    path("petitions/<int:pk>/reply", applicant.ReplyView.as_view(), name="reply"),
    path("petitions/<int:pk>/rating", applicant.RatingView.as_view(), name="rating"),
    path("petitions/<int:pk>/review", applicant.ReviewRequestView.as_view(), name="review"),
    # Resumable uploads of large files.
    path("uploads", uploads.UploadStartView.as_view(), name="uploads"),
    path("uploads/<uuid:upload_id>", uploads.UploadView.as_view(), name="upload"),
    # Notices.
    path("notices", notices.NoticeListView.as_view(), name="notices"),
    path("notices/read-all", notices.NoticeReadAllView.as_view(), name="notices_read_all"),
    path("notices/<int:pk>/read", notices.NoticeReadView.as_view(), name="notice_read"),
    # Court staff.
    path("staff/queue", staff.QueueView.as_view(), name="staff_queue"),
    path("staff/petitions/<int:pk>", staff.CaseFileView.as_view(), name="case_file"),
    *[
        path(f"staff/petitions/<int:pk>/actions/{name}", view.as_view(), name=f"action_{name}")
        for name, view in staff.ACTION_VIEWS.items()
    ],
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(api_version="1.0.0"), name="schema"),
    path("docs/", docs.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("health", health.HealthView.as_view(), name="health"),
    path("v1/", include(v1)),
    # Any other address under /api/ (an unknown path, an id that is not a number) gets a JSON 404 as well.
    re_path(r"^", docs.not_found, name="not_found"),
]
