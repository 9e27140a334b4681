from django.apps import AppConfig


class NormativeConfig(AppConfig):
    name = "gongkai.normative"
    verbose_name = "行政规范性文件"

    def ready(self) -> None:
        from gongkai.audit.vocabulary import register

        from .models import RegisterAction

        register(RegisterAction)
