"""The append-only register (登记簿) of every state change.

Rows are only ever inserted. The model refuses updates and deletes, and a database trigger
(see migrations) refuses them too, so neither code nor a stray SQL statement can rewrite history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit entry."""


class AuditEntry(models.Model):
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=150, blank=True)
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("机构"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=64)
    object_type = models.CharField(_("对象类型"), max_length=64)
    object_id = models.CharField(_("对象编号"), max_length=64)
    from_state = models.CharField(_("原状态"), max_length=32, blank=True)
    to_state = models.CharField(_("新状态"), max_length=32, blank=True)
    comment = models.TextField(_("意见"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)

    class Meta:
        verbose_name = _("登记簿条目")
        verbose_name_plural = _("登记簿")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")
