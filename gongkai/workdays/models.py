"""Operator-entered holiday notices and local day overrides (rules.md §1)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayNotice(models.Model):
    """The State Council's yearly notice (国务院办公厅关于某年部分节假日安排的通知), entered by an operator.

    Once a notice exists for a year, that year is no longer provisional: its days come from
    chinese-calendar where the library knows the year, and from the notice's DayOverride rows otherwise.
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    title = models.CharField(_("通知名称"), max_length=200)
    reference = models.CharField(_("文号"), max_length=100, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    entered_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Bumped on every save: services.get_calendar() compares the latest value to know when to rebuild.
    changed_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("节假日安排通知")
        verbose_name_plural = _("节假日安排通知")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class DayOverride(models.Model):
    """One day whose status differs from the weekday rule: a holiday on a weekday or a make-up working weekend day."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("说明"), max_length=60, blank=True)
    notice = models.ForeignKey(HolidayNotice, null=True, blank=True, on_delete=models.CASCADE, related_name="days")
    local = models.BooleanField(_("地方性安排"), default=False)
    changed_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("日期调整")
        verbose_name_plural = _("日期调整")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'班' if self.is_workday else '休'} {self.name}"
