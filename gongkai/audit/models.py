"""The append-only register (登记簿) of every state change, chained by hashes.

Rows are only ever inserted. The model refuses updates and deletes, and database triggers (see
migrations) refuse UPDATE, DELETE and, on PostgreSQL, TRUNCATE. Each entry also carries ``seq`` (its
place in one global chain), ``prev_hash`` (the previous entry's hash) and ``hash`` (SHA-256 over its own
canonical content and ``prev_hash``), so a change made behind the triggers' back is still found by
`gongkai audit verify` (see chain.py and verify.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Chain every new entry (in list order) under the chain lock, then insert them."""
        from .chain import chained
        from .vocabulary import check

        objs = list(objs)
        check(o.action for o in objs)
        with chained(self.db, objs):
            return super().bulk_create(objs, *args, **kwargs)


class AuditEntry(models.Model):
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
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
    seq = models.PositiveBigIntegerField(_("链序号"), unique=True, editable=False)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64, editable=False)
    hash = models.CharField(_("哈希"), max_length=64, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("登记簿条目")
        verbose_name_plural = _("登记簿")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, using=None, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        from .chain import chained
        from .vocabulary import check

        check([self.action])

        using = using or "default"
        with chained(using, [self]):
            super().save(*args, using=using, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")

    @property
    def action_label(self) -> str:
        """The action in Chinese, from the register's vocabulary (audit.vocabulary)."""
        from .vocabulary import label

        return label(self.action)


class ChainCheck(models.Model):
    """The outcome of one `gongkai audit verify` run, for the system administrator's screen."""

    at = models.DateTimeField(_("检查时间"), default=timezone.now, db_index=True)
    intact = models.BooleanField(_("完好"))
    entries = models.PositiveBigIntegerField(_("条目数"))
    head_hash = models.CharField(_("链头哈希"), max_length=64, blank=True)
    anchors_checked = models.PositiveIntegerField(_("核对锚点数"), default=0)
    problems = models.JSONField(_("问题"), default=list, blank=True)

    class Meta:
        verbose_name = _("登记簿校验记录")
        verbose_name_plural = _("登记簿校验记录")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {'完好' if self.intact else '发现问题'}"
