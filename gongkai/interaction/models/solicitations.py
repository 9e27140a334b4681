"""意见征集: a draft published for comment between two dates, moderated comments, and the adoption feedback."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Solicitation(models.Model):
    org = models.ForeignKey("orgs.Organization", verbose_name=_("征集机构"), on_delete=models.PROTECT,
                            related_name="+")
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("草案内容"))  # sanitized HTML
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("截止日期"))
    published = models.BooleanField(_("已发布"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    # 采纳情况: published after the end date.
    feedback = models.TextField(_("意见采纳情况说明"), blank=True)  # sanitized HTML
    feedback_published_at = models.DateTimeField(_("反馈发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/gk/{self.org.code}/consultations/{self.pk}/"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已公开")
    HIDDEN = "hidden", _("不予公开")


class Comment(models.Model):
    solicitation = models.ForeignKey(Solicitation, on_delete=models.PROTECT, related_name="comments")
    name = models.CharField(_("姓名"), max_length=60)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    content = models.TextField(_("意见内容"))
    status = models.CharField(_("审核状态"), max_length=20, choices=CommentStatus.choices,
                              default=CommentStatus.PENDING, db_index=True)
    moderation_note = models.CharField(_("审核说明"), max_length=200, blank=True)
    public_content = models.TextField(blank=True)
    adopted = models.BooleanField(_("是否采纳"), null=True, blank=True)
    adoption_note = models.CharField(_("采纳或不采纳的理由"), max_length=500, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("征集意见")
        verbose_name_plural = _("征集意见")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.solicitation_id}#{self.pk}"
