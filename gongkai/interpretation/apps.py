from django.apps import AppConfig


class InterpretationConfig(AppConfig):
    name = "gongkai.interpretation"
    verbose_name = "政策解读"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (register vocabulary)
