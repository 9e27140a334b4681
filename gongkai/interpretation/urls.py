"""Interpretation URLs: staff screens under /staff/interpretation/, public images under /gk/."""

from django.urls import path

from . import views

app_name = "interpretation"
urlpatterns = [
    path("staff/interpretation/", views.interpretation_list, name="staff_list"),
    path("staff/interpretation/pending/", views.pending, name="staff_pending"),
    path("staff/interpretation/new/", views.interpretation_new, name="staff_new"),
    path("staff/interpretation/<int:pk>/", views.interpretation_detail, name="staff_detail"),
    path("staff/interpretation/<int:pk>/images/", views.image_upload, name="image_upload"),
    path("staff/interpretation/<int:pk>/images/<int:image_id>/delete/", views.image_delete, name="image_delete"),
    path("gk/<str:org_code>/doc/<int:pk>/image/<int:image_id>/", views.public_image, name="public_image"),
]
