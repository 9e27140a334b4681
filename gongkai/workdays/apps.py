from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    verbose_name = "工作日"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (register vocabulary)
