"""Service-guide URLs: staff screens under /staff/guides/, public pages under /gk/<org>/guides/."""

from django.urls import path

from . import views_public, views_staff

app_name = "guides"
urlpatterns = [
    path("staff/guides/", views_staff.guide_list, name="staff_list"),
    path("staff/guides/new/", views_staff.guide_new, name="staff_new"),
    path("staff/guides/<int:pk>/", views_staff.guide_detail, name="staff_detail"),
    path("staff/guides/<int:pk>/publish/", views_staff.guide_action, {"action": "publish"}, name="staff_publish"),
    path("staff/guides/<int:pk>/withdraw/", views_staff.guide_action, {"action": "withdraw"}, name="staff_withdraw"),
    path("gk/<str:org_code>/guides/", views_public.guide_list, name="list"),
    path("gk/<str:org_code>/guides/<int:pk>/", views_public.guide, name="guide"),
    path("gk/<str:org_code>/guides/<int:pk>/print/", views_public.guide, {"print_view": True}, name="guide_print"),
]
