"""Results of handling NPC deputies' suggestions and CPPCC members' proposals (建议提案办理结果).

Each suggestion or proposal a unit handles is registered with its number and proposer, answered, and
the reply published with its result category.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NPC_SUGGESTION = "npc_suggestion", _("人大代表建议")
    CPPCC_PROPOSAL = "cppcc_proposal", _("政协委员提案")


class ResultCategory(models.TextChoices):
    """The usual classes of a reply (A/B/C and 参考类)."""

    SOLVED = "solved", _("A类：所提问题已经解决或基本解决")
    PLANNED = "planned", _("B类：所提问题正在解决或已列入计划逐步解决")
    NOT_YET = "not_yet", _("C类：所提问题因条件限制或其他原因暂时不能解决")
    REFERENCE = "reference", _("留作参考")


class ProposalStatus(models.TextChoices):
    HANDLING = "handling", _("办理中")
    PUBLISHED = "published", _("已公开")


class RegisterAction(models.TextChoices):
    REGISTER = "proposals.register", _("登记建议提案")
    REPLY = "proposals.reply", _("答复建议提案")
    PUBLISH = "proposals.publish", _("公开办理结果")


class Proposal(models.Model):
    org = models.ForeignKey("orgs.Organization", verbose_name=_("主办单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("编号"), max_length=40)
    title = models.CharField(_("标题"), max_length=300)
    proposer = models.CharField(_("提出人"), max_length=200)
    co_handlers = models.CharField(_("协办单位"), max_length=300, blank=True)
    result = models.CharField(_("办理结果类别"), max_length=20, choices=ResultCategory.choices, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=ProposalStatus.choices,
                              default=ProposalStatus.HANDLING)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")
        ordering = ["-year", "kind", "number"]
        constraints = [models.UniqueConstraint(fields=["org", "year", "kind", "number"], name="unique_proposal")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/gk/{self.org.code}/proposals/{self.pk}/"
