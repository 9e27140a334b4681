from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "gongkai.review"
    verbose_name = "发布审核"
