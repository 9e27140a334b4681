"""Platform tables every app may use: the sequence counters (core.sequences)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sequence(models.Model):
    """The last number issued under ``key`` (e.g. ``documents.index/12/2026``); locked while numbers are drawn."""

    key = models.CharField(_("序列"), max_length=100, primary_key=True)
    last = models.PositiveBigIntegerField(_("最后编号"), default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"


class RateCounter(models.Model):
    """Hits under ``key`` since ``window_start`` (Unix seconds); changed only by core.counters' one-statement upsert."""

    key = models.CharField(_("计数键"), max_length=200, primary_key=True)
    window_start = models.BigIntegerField(_("窗口开始"))
    count = models.PositiveIntegerField(_("次数"), default=0)

    class Meta:
        verbose_name = _("频率计数")
        verbose_name_plural = _("频率计数")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class UsedChallenge(models.Model):
    """A spam-control question already answered (core.spam): its token is not accepted again."""

    nonce = models.CharField(_("验证题编号"), max_length=32, primary_key=True)
    expires_at = models.DateTimeField(_("过期时间"), db_index=True)

    class Meta:
        verbose_name = _("已用验证题")
        verbose_name_plural = _("已用验证题")

    def __str__(self) -> str:
        return self.nonce
