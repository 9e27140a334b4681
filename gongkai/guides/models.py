"""Service guides (办事指南): one per service, with the key elements the website checks require.

The State Council's website checks fail a whole site when a guide misses any of 事项名称, 设定依据, 申请条件,
办理材料, 办理地点, 办理时间, 联系电话, 办理流程 (rules.md §4); such a guide cannot be published here.
A guide serves a power-list item, linked by its 事项编码 so the link survives list adjustments.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GuideStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class RegisterAction(models.TextChoices):
    CREATE = "guides.create", _("新建办事指南")
    UPDATE = "guides.update", _("修改办事指南")
    PUBLISH = "guides.publish", _("发布办事指南")
    WITHDRAW = "guides.withdraw", _("撤回办事指南")


class ServiceGuide(models.Model):
    org = models.ForeignKey("orgs.Organization", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="+")
    power_code = models.CharField(_("对应权责事项编码"), max_length=60, blank=True)
    name = models.CharField(_("事项名称"), max_length=200)
    basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("申请条件"), blank=True)
    materials = models.TextField(_("办理材料"), blank=True)
    location = models.CharField(_("办理地点"), max_length=300, blank=True)
    hours = models.CharField(_("办理时间"), max_length=300, blank=True)
    phone = models.CharField(_("联系电话"), max_length=100, blank=True)
    process = models.TextField(_("办理流程"), blank=True)
    time_limit = models.CharField(_("办理时限"), max_length=200, blank=True)
    fees = models.CharField(_("收费标准"), max_length=300, blank=True)
    consultation = models.CharField(_("咨询方式"), max_length=300, blank=True)
    complaint = models.CharField(_("投诉方式"), max_length=300, blank=True)
    online_url = models.URLField(_("网上办理地址"), max_length=500, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=GuideStatus.choices, default=GuideStatus.DRAFT,
                              db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")
        ordering = ["org", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/gk/{self.org.code}/guides/{self.pk}/"
