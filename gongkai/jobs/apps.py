from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "gongkai.jobs"
    label = "jobs"
    verbose_name = _("后台任务")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from datetime import timedelta

        from . import scheduler, tasks

        scheduler.register(tasks.maintenance, daily_at="03:30")
        scheduler.register(tasks.heartbeat_check, every=timedelta(minutes=10))
