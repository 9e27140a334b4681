"""Register actions of operations (background work); every code carries the ``jobs.`` prefix."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from gongkai.audit.vocabulary import register


class JobAction(TextChoices):
    RETRIED = "jobs.retry", _("重试后台任务")


register(JobAction)
