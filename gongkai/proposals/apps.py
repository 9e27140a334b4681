from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "gongkai.proposals"
    verbose_name = "建议提案办理"
