from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (register vocabulary)
        from .services import connect_calendar_hook

        connect_calendar_hook()

        from django.conf import settings

        from gongkai.jobs import scheduler

        from . import tasks
        from .reminders import parse_time

        at = parse_time(getattr(settings, "GONGKAI_FOI_REMIND_AT", "08:00"))
        scheduler.register(tasks.daily_reminder, daily_at=at.strftime("%H:%M"))
