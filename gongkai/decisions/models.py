"""The yearly catalog of major administrative decisions (重大行政决策事项目录) and each item's procedure.

重大行政决策程序暂行条例 sets five procedures: 公众参与, 专家论证, 风险评估, 合法性审查, 集体讨论决定. Each
item records where it stands in them, the consultation it held and the document that states the decision.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    PUBLIC_PARTICIPATION = "public_participation", _("公众参与")
    EXPERT_REVIEW = "expert_review", _("专家论证")
    RISK_ASSESSMENT = "risk_assessment", _("风险评估")
    LEGALITY_REVIEW = "legality_review", _("合法性审查")
    COLLECTIVE_DECISION = "collective_decision", _("集体讨论决定")


class StageState(models.TextChoices):
    PENDING = "pending", _("未开展")
    DONE = "done", _("已完成")
    NOT_APPLICABLE = "not_applicable", _("不适用")


class CatalogStatus(models.TextChoices):
    DRAFT = "draft", _("编制中")
    PUBLISHED = "published", _("已公布")


class RegisterAction(models.TextChoices):
    CATALOG_CREATE = "decisions.catalog_create", _("编制决策事项目录")
    CATALOG_PUBLISH = "decisions.catalog_publish", _("公布决策事项目录")
    ITEM_SAVE = "decisions.item_save", _("编辑决策事项")
    STAGE_SET = "decisions.stage_set", _("登记决策程序")
    DECISION_LINK = "decisions.decision_link", _("关联决策文件")


class DecisionCatalog(models.Model):
    org = models.ForeignKey("orgs.Organization", verbose_name=_("决策机关"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=20, choices=CatalogStatus.choices, default=CatalogStatus.DRAFT)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("重大行政决策事项目录")
        verbose_name_plural = _("重大行政决策事项目录")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="unique_decision_catalog")]

    def __str__(self) -> str:
        return f"{self.org_id}/{self.year}"


class DecisionItem(models.Model):
    catalog = models.ForeignKey(DecisionCatalog, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("决策事项"), max_length=300)
    sponsor = models.CharField(_("承办单位"), max_length=200)
    basis = models.TextField(_("决策依据和主要内容"), blank=True)
    planned = models.CharField(_("计划完成时间"), max_length=100, blank=True)
    # The page of the public consultation (意见征集) held for it, on this site or another.
    consultation_url = models.URLField(_("公众参与页面"), max_length=500, blank=True)
    decision_document = models.ForeignKey("documents.Document", verbose_name=_("决策文件"), null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("决策事项")
        verbose_name_plural = _("决策事项")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class DecisionStage(models.Model):
    item = models.ForeignKey(DecisionItem, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("程序"), max_length=30, choices=Stage.choices)
    state = models.CharField(_("状态"), max_length=20, choices=StageState.choices, default=StageState.PENDING)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("决策程序")
        verbose_name_plural = _("决策程序")
        constraints = [models.UniqueConstraint(fields=["item", "stage"], name="unique_decision_stage")]

    def __str__(self) -> str:
        return f"{self.item_id} {self.stage} {self.state}"
