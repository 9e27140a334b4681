from django.apps import AppConfig


class PiiConfig(AppConfig):
    name = "gongkai.pii"
    verbose_name = "个人信息与涉密检查"
