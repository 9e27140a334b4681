"""Background-work screens, mounted at /staff/jobs/."""

from django.urls import path

from . import views

app_name = "ops"

urlpatterns = [
    path("", views.my_jobs, name="my_jobs"),
    path("admin/", views.jobs_admin, name="jobs"),
    path("<uuid:job_id>/", views.job_detail, name="job"),
    path("<uuid:job_id>/retry/", views.job_retry, name="job_retry"),
]
