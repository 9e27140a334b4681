from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations (top layer): task screens, backup/restore, and the commands that span several apps
    (`gongkai import`, `gongkai serve`)."""

    name = "gongkai.ops"
    label = "ops"
    verbose_name = _("运维")

    def ready(self) -> None:
        from gongkai.jobs import scheduler

        from . import (
            actions,  # noqa: F401  (register vocabulary)
            tasks,
        )

        scheduler.register(tasks.verify_register, daily_at="02:15")
