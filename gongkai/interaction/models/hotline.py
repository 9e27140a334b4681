"""12345 / 96128 hotline work orders (工单), imported from the hotline's CSV export or entered by hand."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Satisfaction(models.TextChoices):
    NONE = "", _("未评价")
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class WorkOrder(models.Model):
    org = models.ForeignKey("orgs.Organization", verbose_name=_("承办单位"), on_delete=models.PROTECT,
                            related_name="+")
    number = models.CharField(_("工单编号"), max_length=40)
    line = models.CharField(_("热线"), max_length=20, default="12345")
    received_on = models.DateField(_("受理日期"), db_index=True)
    category = models.CharField(_("诉求类别"), max_length=60, blank=True)
    summary = models.TextField(_("诉求内容"), blank=True)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=20, choices=Satisfaction.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("热线工单")
        verbose_name_plural = _("热线工单")
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["org", "number"], name="unique_work_order_per_org")]

    def __str__(self) -> str:
        return self.number
