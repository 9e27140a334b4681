from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "gongkai.decisions"
    verbose_name = "重大行政决策"
