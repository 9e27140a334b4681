from django.apps import AppConfig


class NormativeConfig(AppConfig):
    name = "gongkai.normative"
    verbose_name = "行政规范性文件"

    def ready(self) -> None:
        from gongkai.audit.vocabulary import register
        from gongkai.jobs import scheduler

        from . import events, tasks
        from .models import RegisterAction

        register(RegisterAction)
        scheduler.register(tasks.expire_daily, daily_at="00:30")
        for signal in (events.normative_registered, events.normative_changed, events.lifecycle_changed,
                       events.cleanup_published):
            signal.connect(_schedule_rebuilds, dispatch_uid=f"normative-compile-{id(signal)}")


def _schedule_rebuilds(sender, org: int, **kwargs) -> None:
    from .tasks import schedule_rebuilds

    schedule_rebuilds(org)
