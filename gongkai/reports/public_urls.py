"""Public URLs of the annual reports (the staff screens are in urls.py under /staff/reports/)."""

from django.urls import path

from . import public_views

app_name = "reports_public"
urlpatterns = [
    path("reports/", public_views.report_list, name="list"),
    path("gk/<str:org_code>/doc/<int:pk>/report.<slug:fmt>", public_views.report_file, name="file"),
]
