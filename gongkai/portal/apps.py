from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = "门户"

    def ready(self) -> None:
        from . import signals

        signals.connect()
