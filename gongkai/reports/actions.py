"""Register actions on annual reports and review/litigation cases."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from gongkai.audit.vocabulary import register


class ReportAction(TextChoices):
    TEXTS = "report_texts", _("编辑年度报告文字")
    FIGURES = "report_figures", _("填报年度报告数据")
    CASE_ADD = "review_case_add", _("登记复议诉讼案件")
    CASE_RESULT = "review_case_result", _("登记复议诉讼结果")
    SUBMIT = "report_submit", _("提交年度报告")
    REOPEN = "report_reopen", _("恢复编写年度报告")


register(ReportAction)
