from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("staff/decisions/", views.catalog_list, name="staff_list"),
    path("staff/decisions/<int:pk>/", views.catalog_detail, name="staff_catalog"),
    path("staff/decisions/<int:pk>/publish/", views.catalog_publish, name="staff_publish"),
    path("staff/decisions/items/<int:pk>/", views.item_detail, name="staff_item"),
    path("staff/decisions/items/<int:pk>/stage/", views.item_stage, name="staff_stage"),
    path("staff/decisions/items/<int:pk>/decision/", views.item_link, name="staff_link"),
    path("gk/<str:org_code>/decisions/", views.public_index, name="public_index"),
    path("gk/<str:org_code>/decisions/<int:year>/", views.public_year, name="public_year"),
]
