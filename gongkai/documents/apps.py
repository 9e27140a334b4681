from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    verbose_name = "政府信息"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (register vocabulary)
