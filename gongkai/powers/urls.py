"""Power-list URLs: staff screens under /staff/powers/, public pages under /gk/<org>/powers/."""

from django.urls import path

from . import views_public, views_staff

app_name = "powers"
urlpatterns = [
    path("staff/powers/", views_staff.overview, name="staff_overview"),
    path("staff/powers/adjust/", views_staff.adjust, name="staff_adjust"),
    path("staff/powers/template.xlsx", views_staff.template, name="staff_template"),
    path("staff/powers/<int:pk>/", views_staff.list_detail, name="staff_list"),
    path("staff/powers/<int:pk>/import/", views_staff.import_xlsx, name="staff_import"),
    path("staff/powers/<int:pk>/publish/", views_staff.publish, name="staff_publish"),
    path("staff/powers/items/<int:pk>/", views_staff.item_edit, name="staff_item"),
    path("gk/<str:org_code>/powers/", views_public.power_list, name="list"),
    path("gk/<str:org_code>/powers/history/", views_public.history, name="history"),
    path("gk/<str:org_code>/powers/items/<str:code>/", views_public.item, name="item"),
    path("gk/<str:org_code>/powers/items/<str:code>/flowchart.svg", views_public.flowchart_svg, name="flowchart"),
]
