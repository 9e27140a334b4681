from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "gongkai.decisions"
    verbose_name = "重大行政决策"

    def ready(self) -> None:
        from gongkai.audit.vocabulary import register

        from .models import RegisterAction

        register(RegisterAction)
