"""Reading and writing the installation's working-day calendar.

``get_calendar()`` builds a :class:`~gongkai.workdays.rules.Calendar` from the entered notices and
day overrides and keeps it per process until a row changes (checked with one cheap aggregate
query, so every worker process sees an operator's change on its next call). Writes go through
``enter_notice()`` / ``set_day()`` / ``remove_day()``, which audit the change and then run the hooks
registered with :func:`register_calendar_hook` (the foi app recomputes open deadlines there).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Max

from gongkai.audit.services import record

from .models import DayOverride, HolidayNotice
from .rules import LIBRARY_FIRST_YEAR, Calendar

logger = logging.getLogger(__name__)

# Callables run (after the commit) whenever the calendar changed. Each receives the set of
# affected years. Register with register_calendar_hook(); keep them idempotent.
on_calendar_change: list[Callable[[set[int]], None]] = []

LAST_NOTICE_YEAR = 2100

_lock = threading.Lock()
_cached: tuple[tuple, Calendar] | None = None


def register_calendar_hook(func: Callable[[set[int]], None]) -> Callable[[set[int]], None]:
    """Register ``func`` to run after every calendar change (usable as a decorator); registered once."""
    if func not in on_calendar_change:
        on_calendar_change.append(func)
    return func


def _signature() -> tuple:
    days = DayOverride.objects.aggregate(n=Count("id"), t=Max("changed_at"))
    notices = HolidayNotice.objects.aggregate(n=Count("id"), t=Max("changed_at"))
    return (days["n"], days["t"], notices["n"], notices["t"])


def _tables_missing() -> bool:
    try:
        return DayOverride._meta.db_table not in connection.introspection.table_names()
    except DatabaseError:
        return False


def build_calendar() -> Calendar:
    """A fresh Calendar from the database (no cache)."""
    rows = list(DayOverride.objects.values_list("date", "is_workday", "name"))
    return Calendar(
        overrides={day: flag for day, flag, _name in rows},
        official_years=set(HolidayNotice.objects.values_list("year", flat=True)),
        names={day: name for day, _flag, name in rows if name},
    )


def get_calendar() -> Calendar:
    """The installation's calendar, rebuilt only when a notice or override changed."""
    global _cached
    try:
        signature = _signature()
    except DatabaseError:
        # A database not migrated yet (e.g. a fresh install asked for a date): the library's
        # notices and the statutory holidays still answer; any other database error is real.
        if _tables_missing():
            logger.info("workdays tables missing; using the built-in calendar only")
            return Calendar()
        raise
    with _lock:
        if _cached is not None and _cached[0] == signature:
            return _cached[1]
    calendar = build_calendar()
    with _lock:
        _cached = (signature, calendar)
    return calendar


def clear_cache() -> None:
    global _cached
    with _lock:
        _cached = None


def _run_hooks(years: set[int]) -> None:
    clear_cache()
    for hook in list(on_calendar_change):
        try:
            hook(set(years))
        except Exception:  # one failing hook must not stop the others; the failure is logged
            logger.exception("calendar change hook %r failed", hook)


def notify_calendar_changed(years: Iterable[int]) -> None:
    """Run the hooks once the current transaction commits (at once outside a transaction)."""
    affected = set(years)
    transaction.on_commit(lambda: _run_hooks(affected))


def _validate_days(year: int, days: Sequence[tuple[dt.date, bool, str]]) -> None:
    errors = []
    seen: set[dt.date] = set()
    for day, _flag, name in days:
        if day.year != year:
            errors.append(f"{day.isoformat()}不属于{year}年")
        if day in seen:
            errors.append(f"{day.isoformat()}重复录入")
        if len(name) > DayOverride._meta.get_field("name").max_length:
            errors.append(f"{day.isoformat()}的说明过长")
        seen.add(day)
    if errors:
        raise ValidationError("；".join(errors))


def enter_notice(
    *,
    actor,
    year: int,
    title: str,
    reference: str = "",
    days: Sequence[tuple[dt.date, bool, str]],
    published_on: dt.date | None = None,
) -> HolidayNotice:
    """Enter (or replace) the State Council holiday notice for ``year``; the year stops being provisional.

    ``days`` lists every day the notice names: (date, is_workday, name) — the holiday periods
    (is_workday False) and the weekend days worked (调休上班, is_workday True). Local
    arrangements already entered for those dates are kept and reported as an error.
    """
    if not LIBRARY_FIRST_YEAR <= year <= LAST_NOTICE_YEAR:
        raise ValidationError(f"年份不在可录入的范围内：{year}")
    if not title.strip():
        raise ValidationError("请填写通知名称")
    _validate_days(year, days)
    with transaction.atomic():
        notice, created = HolidayNotice.objects.update_or_create(
            year=year,
            defaults={"title": title.strip(), "reference": reference.strip(), "published_on": published_on,
                      "entered_by": actor if getattr(actor, "is_authenticated", False) else None},
        )
        notice.days.all().delete()
        dates = [day for day, _flag, _name in days]
        local = sorted(DayOverride.objects.filter(date__in=dates, local=True).values_list("date", flat=True))
        if local:
            raise ValidationError("以下日期已有地方性安排，请先删除后再录入通知：" + "、".join(d.isoformat() for d in local))
        DayOverride.objects.filter(date__in=dates).delete()  # stray non-local rows for those dates
        DayOverride.objects.bulk_create(
            [DayOverride(date=day, is_workday=flag, name=name, notice=notice) for day, flag, name in days]
        )
        record(
            actor=actor,
            action="workdays.notice_entered" if created else "workdays.notice_replaced",
            obj=notice,
            comment=notice.title,
            data={"year": year, "reference": notice.reference,
                  "days": [[day.isoformat(), flag, name] for day, flag, name in sorted(days)]},
        )
        notify_calendar_changed({year})
    return notice


def set_day(*, actor, day: dt.date, is_workday: bool, name: str = "", local: bool = True) -> DayOverride:
    """Enter or change one day (by default a local arrangement, 地方性安排)."""
    with transaction.atomic():
        override, created = DayOverride.objects.update_or_create(
            date=day, defaults={"is_workday": is_workday, "name": name, "local": local}
        )
        record(
            actor=actor,
            action="workdays.day_set",
            obj=override,
            to_state="workday" if is_workday else "day_off",
            comment=name,
            data={"date": day.isoformat(), "is_workday": is_workday, "local": local, "created": created},
        )
        notify_calendar_changed({day.year})
    return override


def remove_day(*, actor, day: dt.date) -> None:
    """Remove the override of ``day`` (the day falls back to the notice/statutory rule)."""
    with transaction.atomic():
        override = DayOverride.objects.filter(date=day).first()
        if override is None:
            raise ValidationError(f"{day.isoformat()}没有录入调整")
        record(actor=actor, action="workdays.day_removed", obj=override,
               from_state="workday" if override.is_workday else "day_off",
               data={"date": day.isoformat()})
        override.delete()
        notify_calendar_changed({day.year})


def changed_in_admin(*, actor, obj: HolidayNotice | DayOverride, action: str) -> None:
    """Audit a notice or day written by the admin (which saved the rows itself) and run the hooks."""
    if isinstance(obj, HolidayNotice):
        year = obj.year
        data = {"year": year, "days": [[o.date.isoformat(), o.is_workday, o.name] for o in obj.days.all()]}
    else:
        year = obj.date.year
        data = {"date": obj.date.isoformat(), "is_workday": obj.is_workday, "local": obj.local}
    record(actor=actor, action=f"workdays.{action}", obj=obj, comment=str(obj), data=data)
    notify_calendar_changed({year})
