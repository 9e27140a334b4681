from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "gongkai.guides"
    verbose_name = "办事指南"

    def ready(self) -> None:
        from gongkai.audit.vocabulary import register

        from .models import RegisterAction

        register(RegisterAction)
