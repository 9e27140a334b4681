from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "gongkai.powers"
    verbose_name = "权责清单"

    def ready(self) -> None:
        from gongkai.audit.vocabulary import register

        from .models import RegisterAction

        register(RegisterAction)
