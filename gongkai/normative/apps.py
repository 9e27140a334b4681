from django.apps import AppConfig


class NormativeConfig(AppConfig):
    name = "gongkai.normative"
    verbose_name = "行政规范性文件"
