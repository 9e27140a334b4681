"""Normative URLs: staff screens under /staff/normative/, public pages under /gk/<org>/normative/."""

from django.urls import path

from . import views_cleanup, views_public, views_staff

app_name = "normative"
urlpatterns = [
    path("staff/normative/", views_staff.normative_list, name="staff_list"),
    path("staff/normative/register/", views_staff.register, name="staff_register"),
    path("staff/normative/expiring/", views_staff.expiring, name="staff_expiring"),
    path("staff/normative/compile/", views_staff.compile_now, name="staff_compile"),
    path("staff/normative/<int:pk>/", views_staff.detail, name="staff_detail"),
    path("staff/normative/<int:pk>/lifecycle/", views_staff.lifecycle, name="staff_lifecycle"),
    path("staff/normative/cleanup/", views_cleanup.campaign_list, name="cleanup_list"),
    path("staff/normative/cleanup/<int:pk>/", views_cleanup.campaign_detail, name="cleanup_detail"),
    path("staff/normative/cleanup/<int:pk>/open/", views_cleanup.campaign_action, {"action": "open"},
         name="cleanup_open"),
    path("staff/normative/cleanup/<int:pk>/approve/", views_cleanup.campaign_action, {"action": "approve"},
         name="cleanup_approve"),
    path("staff/normative/cleanup/<int:pk>/publish/", views_cleanup.campaign_action, {"action": "publish"},
         name="cleanup_publish"),
    path("staff/normative/cleanup/<int:pk>/items/<int:item_id>/mark/", views_cleanup.item_mark, name="item_mark"),
    path("staff/normative/cleanup/<int:pk>/items/<int:item_id>/review/", views_cleanup.item_review,
         name="item_review"),
    path("gk/<str:org_code>/normative/", views_public.catalog, name="catalog"),
    path("gk/<str:org_code>/normative/compilation.pdf", views_public.compilation_file, {"fmt": "pdf"},
         name="compilation_pdf"),
    path("gk/<str:org_code>/normative/compilation.docx", views_public.compilation_file, {"fmt": "docx"},
         name="compilation_docx"),
    path("gk/<str:org_code>/normative/cleanup/<int:pk>/", views_public.cleanup_results, name="cleanup_results"),
]
