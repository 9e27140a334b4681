"""The column tree (栏目) of each organization's disclosure catalog."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ColumnKind(models.TextChoices):
    LIST = "list", _("信息列表")
    GUIDE = "guide", _("公开指南")
    ANNUAL_REPORT = "annual_report", _("年度报告")
    NEWS = "news", _("动态要闻")
    POLICY = "policy", _("政策文件")
    NOTICE = "notice", _("通知公告")
    TOPIC = "topic", _("专题专栏")


class Column(models.Model):
    org = models.ForeignKey("orgs.Organization", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="columns")
    parent = models.ForeignKey(
        "self", verbose_name=_("上级栏目"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(_("栏目名称"), max_length=60)
    slug = models.SlugField(_("栏目标识"), max_length=60, allow_unicode=False)
    kind = models.CharField(_("栏目类型"), max_length=20, choices=ColumnKind.choices, default=ColumnKind.LIST)
    position = models.PositiveIntegerField(_("排序"), default=0)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    # Expected update cycle in days (website checks: news 14, policy/notice 180, plans 365); 0 = none.
    update_cycle_days = models.PositiveIntegerField(_("更新周期（天）"), default=0)
    # Empty columns are hidden from the public unless the office explains why there is nothing,
    # e.g. 「本单位未涉及该领域」; the explanation is then shown in place of the list.
    empty_note = models.CharField(_("无内容说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "slug"], name="unique_column_slug_per_org")]

    def __str__(self) -> str:
        return f"{self.org.short_name or self.org.name} · {self.path_name()}"

    def path_name(self) -> str:
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name
