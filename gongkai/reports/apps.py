from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    verbose_name = "年度报告与统计"


    def ready(self) -> None:
        from . import actions  # noqa: F401  (register vocabulary)
