"""Register actions of public participation: messages, error reports, solicitations, surveys, hotline."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from gongkai.audit.vocabulary import register


class InteractionAction(TextChoices):
    # shared by messages, solicitations and surveys
    PUBLISH = "publish", _("发布")
    UNPUBLISH = "unpublish", _("撤下")
    # messages and error reports
    MESSAGE_SUBMIT = "message_submit", _("收到留言")
    ERROR_REPORT_SUBMIT = "error_report_submit", _("收到纠错")
    ASSIGN = "assign", _("分办")
    ANSWER = "answer", _("答复")
    ANSWER_REVISE = "answer_revise", _("修改答复")
    INVALIDATE = "invalidate", _("认定无效")
    # solicitations (意见征集)
    SOLICITATION_CREATE = "solicitation_create", _("发起意见征集")
    COMMENT_SUBMIT = "comment_submit", _("收到意见")
    MODERATE = "moderate", _("审核意见")
    ADOPTION = "adoption", _("确定采纳情况")
    FEEDBACK_PUBLISH = "feedback_publish", _("发布采纳情况")
    # surveys (问卷调查)
    SURVEY_CREATE = "survey_create", _("发起问卷调查")
    SURVEY_RESPONSE = "survey_response", _("提交问卷")
    # 12345 hotline work orders
    HOTLINE_IMPORT = "hotline_import", _("导入热线工单")
    HOTLINE_ENTER = "hotline_enter", _("登记热线工单")


register(InteractionAction)
