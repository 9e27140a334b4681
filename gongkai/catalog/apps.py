from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = "栏目"
