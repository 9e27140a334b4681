"""Calendar staff screens under /staff/calendar/."""

from django.urls import path

from . import staff_views

app_name = "workdays"
urlpatterns = [
    path("staff/calendar/", staff_views.index, name="staff_index"),
    path("staff/calendar/notice/", staff_views.notice, name="staff_notice"),
    path("staff/calendar/local/", staff_views.local_day, name="staff_local_day"),
    path("staff/calendar/local/<int:pk>/remove/", staff_views.local_day_remove, name="staff_local_day_remove"),
]
