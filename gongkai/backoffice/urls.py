"""Staff back office, mounted at /staff/."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="backoffice/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="backoffice:login"), name="logout"),
    path("documents/", views.document_list, name="documents"),
    path("documents/new/", views.document_new, name="document_new"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<int:pk>/action/", views.document_action, name="document_action"),
    path("documents/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path(
        "documents/<int:pk>/attachments/<int:attachment_id>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("documents/<int:pk>/validity/", views.document_validity, name="document_validity"),
    path("documents/<int:pk>/mask/", views.document_mask, name="document_mask"),
    path("documents/<int:pk>/confirm-findings/", views.document_confirm_findings, name="document_confirm_findings"),
    path("documents/<int:pk>/register.csv", views.document_register_csv, name="document_register_csv"),
]
