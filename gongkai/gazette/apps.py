from django.apps import AppConfig


class GazetteConfig(AppConfig):
    name = "gongkai.gazette"
    verbose_name = "政府公报"

    def ready(self) -> None:
        from gongkai.audit.vocabulary import register

        from .models import RegisterAction

        register(RegisterAction)
