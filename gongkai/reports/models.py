"""Data the annual report needs beyond documents (and their validity history) and requests.

- AnnualFigures: decision counts and fees the platform does not hold, entered per organization and year.
- ReviewCase: the register of administrative reconsideration and litigation cases (section 四).
- AnnualReport: the office's text sections and the link to the published catalog item.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnualFigures(models.Model):
    """Figures of section 二 entered by the office (第二十条第（五）（六）（八）项)."""

    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    licensing = models.PositiveIntegerField(_("行政许可本年处理决定数量"), default=0)
    penalty = models.PositiveIntegerField(_("行政处罚本年处理决定数量"), default=0)
    enforcement = models.PositiveIntegerField(_("行政强制本年处理决定数量"), default=0)
    fees_wan_yuan = models.DecimalField(
        _("行政事业性收费本年收费金额（万元）"), max_digits=12, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("年度报告填报数据")
        verbose_name_plural = _("年度报告填报数据")
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="unique_annual_figures")]

    def __str__(self) -> str:
        return f"{self.org_id}/{self.year}"


class ReviewKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
    LITIGATION_AFTER = "litigation_after_reconsideration", _("行政诉讼（复议后起诉）")


class ReviewResult(models.TextChoices):
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class ReviewCase(models.Model):
    """One reconsideration or lawsuit about the organization's disclosure work, counted in ``year``."""

    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("统计年度"))
    kind = models.CharField(_("类别"), max_length=40, choices=ReviewKind.choices)
    result = models.CharField(_("结果"), max_length=16, choices=ReviewResult.choices, default=ReviewResult.PENDING)
    reference = models.CharField(_("案号或编号"), max_length=100, blank=True)
    filed_on = models.DateField(_("立案日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("复议诉讼案件")
        verbose_name_plural = _("复议诉讼案件")
        ordering = ["year", "id"]
        indexes = [models.Index(fields=["org", "year"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("编写中")
    IN_REVIEW = "in_review", _("已提交审核")
    PUBLISHED = "published", _("已发布")


class AnnualReport(models.Model):
    """The text sections 一、五、六 of one organization's report for one year."""

    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other = models.TextField(_("六、其他需要报告的事项"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    published_document = models.ForeignKey(
        "documents.Document", verbose_name=_("发布的文件"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="unique_annual_report")]

    def __str__(self) -> str:
        return f"{self.org_id}/{self.year}"
