"""我要咨询/留言 and 网民纠错: what a citizen wrote is kept as written; published text is a separate, checked copy."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

QUERY_PURPOSE = "interaction.message"  # the key salt of message query codes (core.querycodes)


class MessageStatus(models.TextChoices):
    RECEIVED = "received", _("待分办")
    ASSIGNED = "assigned", _("办理中")
    ANSWERED = "answered", _("已答复")
    INVALID = "invalid", _("无效留言")


class MessageKind(models.TextChoices):
    CONSULT = "consult", _("咨询")
    SUGGEST = "suggest", _("建议")
    HELP = "help", _("求助")
    COMPLAINT = "complaint", _("投诉")
    OTHER = "other", _("其他")


class _Handled(models.Model):
    """Fields every answered citizen submission shares: number, deadline, answer and who gave it."""

    org = models.ForeignKey("orgs.Organization", verbose_name=_("办理机构"), on_delete=models.PROTECT,
                            related_name="+")
    number = models.CharField(_("编号"), max_length=24, unique=True)
    status = models.CharField(_("状态"), max_length=20, choices=MessageStatus.choices,
                              default=MessageStatus.RECEIVED, db_index=True)
    name = models.CharField(_("姓名"), max_length=60, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    received_on = models.DateField(_("收到日期"))
    due_on = models.DateField(_("答复期限"))
    due_provisional = models.BooleanField(default=False)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    answer = models.TextField(_("答复内容"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    invalid_reason = models.CharField(_("无效原因"), max_length=200, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Message(_Handled):
    kind = models.CharField(_("类别"), max_length=20, choices=MessageKind.choices, default=MessageKind.CONSULT)
    topic = models.CharField(_("主题"), max_length=100)
    content = models.TextField(_("留言内容"))
    is_private = models.BooleanField(_("不公开"), default=False)
    query_hash = models.CharField(max_length=100)  # core.querycodes, QUERY_PURPOSE
    # Published copies, checked for personal information (and masked where needed) when published.
    published = models.BooleanField(_("已公开"), default=False, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    public_topic = models.CharField(max_length=100, blank=True)
    public_content = models.TextField(blank=True)
    public_answer = models.TextField(blank=True)

    class Meta:
        verbose_name = _("咨询留言")
        verbose_name_plural = _("咨询留言")
        ordering = ["-id"]
        indexes = [models.Index(fields=["org", "status", "due_on"], name="message_queue"),
                   models.Index(fields=["org", "published", "-published_at"], name="message_public")]

    def __str__(self) -> str:
        return f"{self.number} {self.topic}"


class ErrorKind(models.TextChoices):
    BROKEN_LINK = "broken_link", _("链接无法打开")
    WRONG_CONTENT = "wrong_content", _("内容有错误")
    OUTDATED = "outdated", _("信息已过时")
    ACCESSIBILITY = "accessibility", _("无法正常阅读或使用")
    OTHER = "other", _("其他问题")


class ErrorReport(_Handled):
    page_url = models.CharField(_("出错页面"), max_length=500)
    kind = models.CharField(_("问题类型"), max_length=20, choices=ErrorKind.choices)
    description = models.TextField(_("问题描述"))

    class Meta:
        verbose_name = _("网民纠错")
        verbose_name_plural = _("网民纠错")
        ordering = ["-id"]
        indexes = [models.Index(fields=["org", "status", "due_on"], name="error_report_queue")]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"
