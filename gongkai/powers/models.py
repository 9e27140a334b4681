"""The list of powers and responsibilities (权责清单), in versions.

Each organization publishes one list at a time; an adjustment (调整) is a new version, edited as a
draft (by hand or from the unit's .xlsx) and published with its date and reason, which supersedes the
version before. Items keep their 事项编码 across versions, so guides and links follow an item.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PowerCategory(models.TextChoices):
    """The national categories of administrative power."""

    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    ENFORCEMENT = "enforcement", _("行政强制")
    LEVY = "levy", _("行政征收")
    BENEFIT = "benefit", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER = "other", _("其他行政权力")


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("调整中")
    PUBLISHED = "published", _("现行")
    SUPERSEDED = "superseded", _("已被调整")


class RegisterAction(models.TextChoices):
    ADJUSTMENT_START = "powers.adjustment_start", _("开始调整权责清单")
    ITEM_SAVE = "powers.item_save", _("编辑权责事项")
    ITEM_DELETE = "powers.item_delete", _("删除权责事项")
    IMPORT = "powers.import", _("导入权责清单")
    PUBLISH = "powers.publish", _("公布权责清单")


class PowerList(models.Model):
    org = models.ForeignKey("orgs.Organization", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("版本"))
    status = models.CharField(_("状态"), max_length=20, choices=ListStatus.choices, default=ListStatus.DRAFT)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    reason = models.TextField(_("调整原因"), blank=True)
    # {"added": [[code, name]…], "removed": […], "changed": […]} against the version it replaced.
    changes = models.JSONField(_("调整内容"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("权责清单")
        verbose_name_plural = _("权责清单")
        ordering = ["org", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["org", "version"], name="unique_power_list_version"),
            models.UniqueConstraint(fields=["org"], condition=models.Q(status="draft"), name="one_power_list_draft"),
            models.UniqueConstraint(fields=["org"], condition=models.Q(status="published"),
                                    name="one_current_power_list"),
        ]

    def __str__(self) -> str:
        return f"{self.org_id} v{self.version}"


class PowerItem(models.Model):
    power_list = models.ForeignKey(PowerList, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("事项编码"), max_length=60)
    name = models.CharField(_("事项名称"), max_length=300)
    sub_item = models.CharField(_("子项名称"), max_length=300, blank=True)
    category = models.CharField(_("权力类型"), max_length=20, choices=PowerCategory.choices)
    basis = models.TextField(_("实施依据"))
    subject = models.CharField(_("实施主体"), max_length=200)
    responsibilities = models.TextField(_("责任事项"))
    accountability = models.TextField(_("追责情形"))
    # 运行流程: one step per line; empty means the category's standard flow is drawn.
    flow_steps = models.TextField(_("运行流程"), blank=True)
    remarks = models.CharField(_("备注"), max_length=500, blank=True)
    position = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("权责事项")
        verbose_name_plural = _("权责事项")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["power_list", "code"], name="unique_power_item_code")]

    def __str__(self) -> str:
        return self.name
