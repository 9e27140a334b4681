from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gongkai.api"
    verbose_name = "开放接口"
