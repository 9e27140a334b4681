from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "gongkai.proposals"
    verbose_name = "建议提案办理"

    def ready(self) -> None:
        from gongkai.audit.vocabulary import register

        from .models import RegisterAction

        register(RegisterAction)
