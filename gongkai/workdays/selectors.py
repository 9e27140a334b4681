"""Reads of the calendar staff screens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from .models import DayOverride, HolidayNotice
from .rules import LIBRARY_LAST_YEAR


def notices() -> QuerySet[HolidayNotice]:
    """The entered notices, newest year first, with the number of days each names."""
    from django.db.models import Count

    return HolidayNotice.objects.annotate(day_count=Count("days")).order_by("-year")


def provisional_years(today: dt.date) -> list[int]:
    """This year and the next, where neither chinese-calendar nor an entered notice has the 调休 days."""
    entered = set(HolidayNotice.objects.values_list("year", flat=True))
    return [y for y in (today.year, today.year + 1) if y > LIBRARY_LAST_YEAR and y not in entered]


def local_days(org_ids: Iterable[int]) -> QuerySet[DayOverride]:
    """Local days of the given organizations, latest first."""
    return (DayOverride.objects.filter(org_id__in=set(org_ids)).select_related("org", "org__parent")
            .order_by("-date", "org__position", "org_id"))
