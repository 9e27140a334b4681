"""The operator-maintained list of sensitive words checked before publication."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SensitiveWord(models.Model):
    """A word or phrase that must not appear in a published item (names of secret projects etc.)."""

    word = models.CharField(_("敏感词"), max_length=100, unique=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word

