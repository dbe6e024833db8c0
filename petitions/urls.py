from django.urls import path

from petitions.views import applicant, common, staff

app_name = "petitions"

urlpatterns = [
    # Applicants and agents.
    path("file/", applicant.file_petition, name="file"),
    path("drafts/<int:pk>/", applicant.edit_draft, name="edit_draft"),
    path("drafts/<int:pk>/autosave/", applicant.autosave, name="autosave"),
    path("check-case-number/", applicant.check_case_number, name="check_case_number"),
    path("search-courts/", applicant.search_courts, name="search_courts"),
    path("<int:pk>/submitted/", applicant.submitted, name="submitted"),
    path("mine/", applicant.my_matters, name="my_matters"),
    path("<int:pk>/", applicant.detail, name="detail"),
    path("<int:pk>/supplement/", applicant.supplement, name="supplement"),
    path("<int:pk>/rate/", applicant.rate, name="rate"),
    path("<int:pk>/withdraw/", applicant.withdraw, name="withdraw"),
    path("<int:pk>/review/", applicant.request_review, name="request_review"),
    # Shared by applicants and staff; the view checks who may see the petition.
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        common.download,
        name="download",
    ),
    # Court staff.
    path("workbench/", staff.workbench, name="workbench"),
    path("my-cases/", staff.my_cases, name="my_cases"),
    path("approvals/", staff.approvals, name="approvals"),
    path("case/<int:pk>/", staff.case_file, name="case_file"),
    path("case/<int:pk>/<slug:action>/", staff.act, name="act"),
]
