from django.urls import path

from . import staff_letters, staff_views, views

app_name = "foi"
urlpatterns = [
    path("foi/apply/", views.apply, name="apply"),
    path("foi/apply/done/", views.apply_done, name="apply_done"),
    path("foi/track/", views.track, name="track"),
    path("foi/track/<str:number>/", views.track_status, name="track_status"),
    path("foi/track/<str:number>/correction/", views.upload_correction, name="upload_correction"),
    path("foi/track/<str:number>/letters/<int:pk>.<str:fmt>", views.letter_download, name="letter_download"),
    path("foi/track/<str:number>/files/<int:pk>/", views.disclosed_download, name="disclosed_download"),
    path("staff/requests/", staff_views.queue, name="staff_queue"),
    path("staff/requests/new/", staff_views.register, name="staff_register"),
    path("staff/requests/<str:number>/", staff_views.detail, name="staff_detail"),
    path("staff/requests/<str:number>/act/", staff_views.act, name="staff_act"),
    path("staff/requests/<str:number>/reply/", staff_views.reply, name="staff_reply"),
    path("staff/requests/<str:number>/letter/draft/", staff_letters.draft, name="staff_letter_draft"),
    path("staff/requests/<str:number>/letters/<int:pk>/edit/", staff_letters.edit, name="staff_letter_edit"),
    path("staff/requests/<str:number>/letters/<int:pk>/attach/", staff_letters.attach, name="staff_letter_attach"),
    path("staff/requests/<str:number>/letters/<int:pk>/preview.pdf", staff_letters.preview,
         name="staff_letter_preview"),
    path("staff/requests/<str:number>/letters/<int:pk>.<str:fmt>", staff_letters.download,
         name="staff_letter_download"),
]
