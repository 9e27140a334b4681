from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (register vocabulary)
        from .services import connect_calendar_hook

        connect_calendar_hook()
