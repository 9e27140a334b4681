"""Per-organization review chains (审核流程)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Role


class ReviewStep(models.Model):
    """One step of an organization's chain, in order. With no rows the default chain of seed 003 applies."""

    org = models.ForeignKey("orgs.Organization", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="review_steps")
    position = models.PositiveSmallIntegerField(_("顺序"))
    name = models.CharField(_("环节名称"), max_length=40)
    role = models.CharField(_("审核角色"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("审核环节")
        verbose_name_plural = _("审核环节")
        ordering = ["org", "position"]
        constraints = [models.UniqueConstraint(fields=["org", "position"], name="unique_review_step")]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"
