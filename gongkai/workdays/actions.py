"""Register actions on the working-day calendar (holiday notices and single days)."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from gongkai.audit.vocabulary import register


class WorkdaysAction(TextChoices):
    NOTICE_ENTERED = "workdays.notice_entered", _("录入放假通知")
    NOTICE_REPLACED = "workdays.notice_replaced", _("替换放假通知")
    NOTICE_EDITED = "workdays.notice_edited", _("修改放假通知")
    NOTICE_DELETED = "workdays.notice_deleted", _("删除放假通知")
    DAY_SET = "workdays.day_set", _("设置节假日或调休日")
    DAY_REMOVED = "workdays.day_removed", _("删除日期设置")


register(WorkdaysAction)
