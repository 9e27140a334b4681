from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    verbose_name = "公众参与"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (register vocabulary)
