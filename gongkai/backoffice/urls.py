"""Staff back office shell, mounted at /staff/: dashboard, login, logout.

The domains' staff screens are mounted by their own apps (gongkai/urls.py), e.g. documents.urls and
review.urls under /staff/documents/.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="backoffice/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="backoffice:login"), name="logout"),
]
