from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("staff/proposals/", views.proposal_list, name="staff_list"),
    path("staff/proposals/<int:pk>/", views.proposal_detail, name="staff_detail"),
    path("staff/proposals/<int:pk>/publish/", views.proposal_publish, name="staff_publish"),
    path("gk/<str:org_code>/proposals/", views.public_list, name="public_list"),
    path("gk/<str:org_code>/proposals/<int:pk>/", views.public_detail, name="public_detail"),
]
