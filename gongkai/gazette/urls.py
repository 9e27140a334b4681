"""Gazette URLs: staff screens under /staff/gazette/, public pages under /gk/<org>/gazette/."""

from django.urls import path

from . import views_public, views_staff

app_name = "gazette"
urlpatterns = [
    path("staff/gazette/", views_staff.issue_list, name="staff_list"),
    path("staff/gazette/tracking/", views_staff.tracking, name="staff_tracking"),
    path("staff/gazette/<int:pk>/", views_staff.issue_detail, name="staff_issue"),
    path("staff/gazette/<int:pk>/add/", views_staff.entry_add, name="entry_add"),
    path("staff/gazette/<int:pk>/entries/<int:entry_id>/", views_staff.entry_change, name="entry_change"),
    path("staff/gazette/<int:pk>/publish/", views_staff.issue_publish, name="issue_publish"),
    path("gk/<str:org_code>/gazette/", views_public.index, name="index"),
    path("gk/<str:org_code>/gazette/search/", views_public.search, name="search"),
    path("gk/<str:org_code>/gazette/<int:year>/<int:number>/", views_public.issue, name="issue"),
    path("gk/<str:org_code>/gazette/<int:year>/<int:number>/issue.pdf", views_public.issue_pdf, name="issue_pdf"),
]
