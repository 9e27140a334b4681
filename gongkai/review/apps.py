from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "gongkai.review"
    verbose_name = "发布审核"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (register vocabulary)
