"""Register actions on disclosure requests (依申请公开); every code carries the ``foi.`` prefix."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from gongkai.audit.vocabulary import register

from .rules import Action


class RequestAction(TextChoices):
    SUBMITTED = "foi.submitted", _("网上提交申请")
    REGISTERED = "foi.registered", _("登记申请")
    IMPORTED = "foi.imported", _("导入申请")
    WORKFLOW_CONFIGURED = "foi.workflow_configured", _("配置办理流程")
    REMINDERS_SENT = "foi.reminders_sent", _("发送办理提醒")
    DUE_RECOMPUTED = "foi.due_recomputed", _("重新计算答复期限")
    LETTER_DRAFTED = "foi.letter_drafted", _("起草答复书")
    LETTER_EDITED = "foi.letter_edited", _("修改答复书")
    LETTER_ATTACHMENT_ADDED = "foi.letter_attachment_added", _("添加答复附件")
    LETTER_ISSUED = "foi.letter_issued", _("出具文书")
    CONSULTATION_ANSWERED = "foi.consultation_answered", _("收到征求意见答复")
    # one per step of the state machine (rules.Action)
    ADVANCE = "foi." + Action.ADVANCE, _("提交下一环节")
    RETURN = "foi." + Action.RETURN, _("退回上一环节")
    REQUEST_CORRECTION = "foi." + Action.REQUEST_CORRECTION, _("告知补正")
    RECEIVE_CORRECTION = "foi." + Action.RECEIVE_CORRECTION, _("收到补正")
    CORRECTION_LAPSED = "foi." + Action.CORRECTION_LAPSED, _("逾期未补正，不再处理")
    START_CONSULTATION = "foi." + Action.START_CONSULTATION, _("征求意见")
    FINISH_CONSULTATION = "foi." + Action.FINISH_CONSULTATION, _("征求意见结束")
    ISSUE_FEE_NOTICE = "foi." + Action.ISSUE_FEE_NOTICE, _("发出收费通知")
    FEE_PAID = "foi." + Action.FEE_PAID, _("已缴费")
    FEE_LAPSED = "foi." + Action.FEE_LAPSED, _("逾期未缴费，不再处理")
    EXTEND = "foi." + Action.EXTEND, _("延长答复期限")
    REPLY = "foi." + Action.REPLY, _("作出答复")
    ARCHIVE = "foi." + Action.ARCHIVE, _("归档")

    @classmethod
    def of(cls, action: str) -> "RequestAction":
        """The register action of a state-machine action (rules.Action)."""
        return cls("foi." + action)


register(RequestAction)
