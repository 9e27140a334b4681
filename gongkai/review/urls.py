"""The staff document page and the review decisions posted from it, under /staff/documents/."""

from django.urls import path

from . import views

app_name = "review"
urlpatterns = [
    path("staff/documents/<int:pk>/", views.document_detail, name="document"),
    path("staff/documents/<int:pk>/action/", views.document_action, name="action"),
    path("staff/documents/<int:pk>/confirm-findings/", views.document_confirm_findings, name="confirm_findings"),
]
