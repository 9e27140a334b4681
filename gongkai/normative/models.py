"""Normative documents (行政规范性文件): a Document with its whole-life record, and the periodic clean-up.

A normative document *is* a ``documents.Document`` (title, 发文机关, 发文字号, 成文日期, its 统一编号 as the
统一登记号, body, review, publication); ``NormativeDocument`` adds what only a normative document has:
its filing (备案), its validity period and its lifecycle, with every change dated in ``LifecycleEvent``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Lifecycle(models.TextChoices):
    """效力状态 of a normative document; the codes are those of ``documents.Validity``."""

    IN_FORCE = "in_force", _("现行有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


class RegisterAction(models.TextChoices):
    """What this app writes to the register (登记簿)."""

    REGISTER = "normative.register", _("登记规范性文件")
    UPDATE = "normative.update", _("修改规范性文件登记信息")
    AMEND = "normative.amend", _("标注已修改")
    REPEAL = "normative.repeal", _("标注已废止")
    EXPIRE = "normative.expire", _("标注已失效")
    CAMPAIGN_CREATE = "normative.campaign_create", _("建立清理工作")
    CAMPAIGN_OPEN = "normative.campaign_open", _("启动清理")
    CAMPAIGN_APPROVE = "normative.campaign_approve", _("审定清理结果")
    CAMPAIGN_PUBLISH = "normative.campaign_publish", _("公布清理结果")
    ITEM_MARK = "normative.item_mark", _("报送清理意见")
    ITEM_APPROVE = "normative.item_approve", _("审定清理意见")
    ITEM_RETURN = "normative.item_return", _("退回清理意见")


class NormativeDocument(models.Model):
    document = models.OneToOneField(
        "documents.Document", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="normative"
    )
    effective_from = models.DateField(_("施行日期"), null=True, blank=True)
    # Normally five years from the day it takes effect; empty only where no period was set.
    valid_until = models.DateField(_("有效期至"), null=True, blank=True, db_index=True)
    filed_with = models.CharField(_("备案机关"), max_length=100, blank=True)
    filing_number = models.CharField(_("备案号"), max_length=100, blank=True)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    lifecycle = models.CharField(_("效力状态"), max_length=20, choices=Lifecycle.choices, default=Lifecycle.IN_FORCE,
                                 db_index=True)
    lifecycle_on = models.DateField(_("效力状态变更日期"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "documents.Document", verbose_name=_("修改或废止文件"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when a clean-up decided 修改; cleared when the amending document is recorded.
    to_amend = models.BooleanField(_("待修改"), default=False)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("责任人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("行政规范性文件")
        verbose_name_plural = _("行政规范性文件")
        ordering = ["-document__written_on", "-id"]
        indexes = [models.Index(fields=["lifecycle", "valid_until"], name="normative_lifecycle")]

    def __str__(self) -> str:
        return self.document.title

    @property
    def registration_number(self) -> str:
        """统一登记号: kept as the document's 统一编号, so catalog metadata and this register agree."""
        return self.document.unified_number

    @property
    def in_force(self) -> bool:
        return self.lifecycle in (Lifecycle.IN_FORCE, Lifecycle.AMENDED)


class LifecycleEvent(models.Model):
    """One dated change of a normative document's 效力状态: the register the annual report counts from."""

    normative = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(_("原状态"), max_length=20, choices=Lifecycle.choices)
    to_state = models.CharField(_("新状态"), max_length=20, choices=Lifecycle.choices)
    effective_on = models.DateField(_("生效日期"))
    by_document = models.ForeignKey(
        "documents.Document", verbose_name=_("依据文件"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("理由"), max_length=300, blank=True)
    campaign = models.ForeignKey("CleanupCampaign", verbose_name=_("清理工作"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("效力状态变更")
        verbose_name_plural = _("效力状态变更")
        ordering = ["effective_on", "id"]
        indexes = [models.Index(fields=["to_state", "effective_on"], name="normative_event_state")]

    def __str__(self) -> str:
        return f"{self.normative_id} {self.from_state}→{self.to_state} {self.effective_on}"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("筹备中")
    OPEN = "open", _("清理中")
    APPROVED = "approved", _("已审定")
    PUBLISHED = "published", _("已公布")


class CleanupCampaign(models.Model):
    """A periodic clean-up (清理) run by a disclosure or legal office over the units below it."""

    org = models.ForeignKey("orgs.Organization", verbose_name=_("组织机构"), on_delete=models.PROTECT,
                            related_name="+")
    title = models.CharField(_("清理工作名称"), max_length=200)
    cutoff_on = models.DateField(_("清理基准日"), help_text=_("清理此日期（含）以前制发的文件"))
    deadline = models.DateField(_("报送截止日期"))
    status = models.CharField(_("状态"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    result_note = models.TextField(_("清理结果说明"), blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("规范性文件清理")
        verbose_name_plural = _("规范性文件清理")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Decision(models.TextChoices):
    CONTINUE = "continue", _("继续有效")
    AMEND = "amend", _("修改")
    REPEAL = "repeal", _("废止")
    DECLARE_EXPIRED = "declare_expired", _("宣布失效")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("待报送")
    MARKED = "marked", _("已报送")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已审定")


class CleanupItem(models.Model):
    """One in-force document in a campaign, with the unit's decision and the office's review."""

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="items")
    normative = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="cleanup_items")
    unit = models.ForeignKey("orgs.Organization", verbose_name=_("制定单位"), on_delete=models.PROTECT,
                             related_name="+")
    decision = models.CharField(_("清理意见"), max_length=20, choices=Decision.choices, blank=True)
    reason = models.CharField(_("理由"), max_length=500, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PENDING,
                              db_index=True)
    office_comment = models.CharField(_("审定意见"), max_length=500, blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    marked_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("清理事项")
        verbose_name_plural = _("清理事项")
        ordering = ["unit__position", "unit_id", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "normative"], name="unique_cleanup_item")]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.normative_id}"
