from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    verbose_name = "公众参与"
