from django.urls import path

from . import staff_views, views

app_name = "foi"
urlpatterns = [
    path("foi/apply/", views.apply, name="apply"),
    path("foi/apply/done/", views.apply_done, name="apply_done"),
    path("foi/track/", views.track, name="track"),
    path("foi/track/<str:number>/", views.track_status, name="track_status"),
    path("foi/track/<str:number>/correction/", views.upload_correction, name="upload_correction"),
    path("staff/requests/", staff_views.queue, name="staff_queue"),
    path("staff/requests/new/", staff_views.register, name="staff_register"),
    path("staff/requests/<str:number>/", staff_views.detail, name="staff_detail"),
    path("staff/requests/<str:number>/act/", staff_views.act, name="staff_act"),
    path("staff/requests/<str:number>/reply/", staff_views.reply, name="staff_reply"),
]
