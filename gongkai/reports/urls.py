"""Staff report pages, mounted at /staff/reports/."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/<slug:key>.csv", views.statistics_csv, name="statistics_csv"),
    path("<str:code>/<int:year>/", views.annual, name="annual"),
    path("<str:code>/<int:year>/edit/", views.edit, name="edit"),
    path("<str:code>/<int:year>/cases/", views.add_case, name="add_case"),
    path("<str:code>/<int:year>/publish/", views.publish, name="publish"),
    path("<str:code>/<int:year>/reopen/", views.reopen, name="reopen"),
    path("<str:code>/<int:year>/units/", views.units, name="units"),
    path("<str:code>/<int:year>/report.<slug:fmt>", views.download, name="download"),
]
