"""Register actions of the review chain (the publication and withdrawal entries are the documents app's)."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from gongkai.audit.vocabulary import register

from .rules import Action


class ReviewAction(TextChoices):
    SUBMIT = Action.SUBMIT, _("提交审核")
    APPROVE = Action.APPROVE, _("审核通过")
    RETURN = Action.RETURN, _("退回修改")
    REJECT = Action.REJECT, _("不予发布")
    OVERRIDE_FINDINGS = "override_findings", _("确认检查结果")


register(ReviewAction)
