"""Drafting screens of the back office, under /staff/documents/ (the document page itself: review.urls)."""

from django.urls import path

from . import views, views_numbers

app_name = "documents"
urlpatterns = [
    path("staff/documents/", views.document_list, name="list"),
    path("staff/documents/new/", views.document_new, name="new"),
    path("staff/documents/numbers/", views_numbers.flagged_numbers, name="flagged_numbers"),
    path("staff/documents/numbers/<int:pk>/", views_numbers.review_number, name="review_number"),
    path("staff/documents/<int:pk>/edit/", views.document_edit, name="edit"),
    path("staff/documents/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("staff/documents/<int:pk>/attachments/<int:attachment_id>/", views.attachment_download,
         name="attachment_download"),
    path("staff/documents/<int:pk>/attachments/<int:attachment_id>/delete/", views.attachment_delete,
         name="attachment_delete"),
    path("staff/documents/<int:pk>/validity/", views.document_validity, name="validity"),
    path("staff/documents/<int:pk>/mask/", views.document_mask, name="mask"),
    path("staff/documents/<int:pk>/register.csv", views.document_register_csv, name="register_csv"),
]
