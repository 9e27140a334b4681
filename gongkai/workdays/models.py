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
    """One day whose status differs from the weekday rule: a holiday on a weekday or a make-up working weekend day.

    Rows without ``org`` hold for the whole installation: the days of an entered notice, and local
    arrangements (``local``) entered before days belonged to organizations. A row with ``org`` is a
    local arrangement of that organization only, and of the units under it when ``include_units``;
    the calendar of a request is that of the organization handling it.
    """

    date = models.DateField(_("日期"))
    is_workday = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("说明"), max_length=60, blank=True)
    notice = models.ForeignKey(HolidayNotice, null=True, blank=True, on_delete=models.CASCADE, related_name="days")
    local = models.BooleanField(_("地方性安排"), default=False)
    org = models.ForeignKey("orgs.Organization", verbose_name=_("适用机构"), null=True, blank=True,
                            on_delete=models.CASCADE, related_name="local_days")
    include_units = models.BooleanField(_("同时适用于下属单位"), default=False)
    changed_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("日期调整")
        verbose_name_plural = _("日期调整")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["date"], condition=models.Q(org__isnull=True),
                                    name="workdays_one_installation_day_per_date"),
            models.UniqueConstraint(fields=["org", "date"], condition=models.Q(org__isnull=False),
                                    name="workdays_one_local_day_per_org_and_date"),
            models.CheckConstraint(condition=models.Q(org__isnull=True) | models.Q(local=True, notice__isnull=True),
                                   name="workdays_org_days_are_local"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {'班' if self.is_workday else '休'} {self.name}"
