"""Reading and writing the working-day calendars: the installation's and each organization's.

``get_calendar(org)`` builds a :class:`~gongkai.workdays.rules.Calendar` from the entered notices and
day overrides, plus the local days that hold for ``org`` (its own, and its parents' entered for their
units), and keeps them per process until a row changes (checked with one cheap aggregate query, so
every worker process sees an operator's change on its next call). Writes go through
``enter_notice()`` / ``set_day()`` / ``remove_day()``, which audit the change and, after the commit,
run the hooks registered with :func:`register_calendar_hook` and the deadline sources registered with
:func:`register_deadline_source` (the foi app recomputes open deadlines there).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.errors import RuleViolation

from .actions import WorkdaysAction
from .models import DayOverride, HolidayNotice
from .notice import ParsedNotice
from .rules import LIBRARY_FIRST_YEAR, Calendar, LocalDay, local_days_for

logger = logging.getLogger(__name__)

# Callables run (after the commit) whenever the calendar changed. Each receives the set of
# affected years. Register with register_calendar_hook(); keep them idempotent.
on_calendar_change: list[Callable[[set[int]], object]] = []

LAST_NOTICE_YEAR = 2100


@dataclass(frozen=True)
class MovedDeadline:
    """One open deadline that a calendar change moved (or would move, in a preview)."""

    label: str  # what it is, e.g. "依申请公开 2026-000123"
    org: str  # the organization handling it
    before: dt.date | None
    after: dt.date | None
    provisional_before: bool = False
    provisional_after: bool = False


CalendarFor = Callable[[object], Calendar]
# A deadline source recomputes the open deadlines of one domain with ``calendar_for(org)`` and
# returns those that moved; with apply=False it only reports them (a preview, nothing written).
DeadlineSource = Callable[..., list[MovedDeadline]]
deadline_sources: list[DeadlineSource] = []


@dataclass
class ChangeReport:
    """What the hooks did after a calendar change: the deadlines that moved, or a count where only that is known."""

    moved: list[MovedDeadline] = field(default_factory=list)
    recomputed: int = 0
    ran: bool = False


def register_calendar_hook(func: Callable[[set[int]], object]) -> Callable[[set[int]], object]:
    """Register ``func`` to run after every calendar change (usable as a decorator); registered once."""
    if func not in on_calendar_change:
        on_calendar_change.append(func)
    return func


def register_deadline_source(func: DeadlineSource) -> DeadlineSource:
    """Register ``func(calendar_for=..., apply=...) -> list[MovedDeadline]``; run after every change."""
    if func not in deadline_sources:
        deadline_sources.append(func)
    return func


# --- reading ---------------------------------------------------------------------------------------------

@dataclass
class _Snapshot:
    signature: tuple
    national: Calendar
    rows: dict[dt.date, tuple[bool, str]]  # installation-wide rows: notice days and legacy local days
    official_years: frozenset[int]
    local: list[LocalDay]
    per_key: dict[tuple, Calendar] = field(default_factory=dict)


_lock = threading.Lock()
_cached: _Snapshot | None = None


def _signature() -> tuple:
    days = DayOverride.objects.aggregate(n=Count("id"), t=Max("changed_at"))
    notices = HolidayNotice.objects.aggregate(n=Count("id"), t=Max("changed_at"))
    return (days["n"], days["t"], notices["n"], notices["t"])


def _tables_missing() -> bool:
    try:
        return DayOverride._meta.db_table not in connection.introspection.table_names()
    except DatabaseError:
        return False


def _calendar(rows: dict[dt.date, tuple[bool, str]], official_years: Iterable[int]) -> Calendar:
    return Calendar(overrides={d: flag for d, (flag, _n) in rows.items()}, official_years=official_years,
                    names={d: name for d, (_f, name) in rows.items() if name})


def _snapshot(signature: tuple = ()) -> _Snapshot:
    rows, local = {}, []
    query = DayOverride.objects.values_list(
        "date", "is_workday", "name", "org_id", "org__name", "org__short_name", "include_units")
    for day, flag, name, org_id, org_name, short_name, units in query:
        if org_id is None:
            rows[day] = (flag, name)
        else:
            local.append(LocalDay(day, flag, org_id, short_name or org_name, units, name))
    years = frozenset(HolidayNotice.objects.values_list("year", flat=True))
    return _Snapshot(signature, _calendar(rows, years), rows, years, local)


def build_calendar(org=None) -> Calendar:
    """A fresh Calendar from the database (no cache): the installation's, or that of ``org``."""
    return _for_org(_snapshot(), org)


def org_chain(org) -> tuple[int, ...]:
    """The id of ``org`` (an Organization) and of each unit above it, nearest first."""
    chain, node, seen = [], org, set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        chain.append(node.pk)
        node = node.parent if node.parent_id else None
    return tuple(chain)


def _for_org(snap: _Snapshot, org) -> Calendar:
    if org is None or not snap.local:
        return snap.national
    own = local_days_for(org_chain(org), snap.local)
    if not own:
        return snap.national
    key = tuple(sorted(own.items()))  # organizations with the same local days share one calendar
    calendar = snap.per_key.get(key)
    if calendar is None:
        calendar = snap.per_key[key] = _calendar({**snap.rows, **own}, snap.official_years)
    return calendar


def get_calendar(org=None) -> Calendar:
    """The calendar of ``org`` (None: the installation's), rebuilt only when a notice or a day changed."""
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
        snap = _cached if _cached is not None and _cached.signature == signature else None
    if snap is None:
        snap = _snapshot(signature)
        with _lock:
            _cached = snap
    return _for_org(snap, org)


def clear_cache() -> None:
    global _cached
    with _lock:
        _cached = None


def preview_calendar_for(year: int, days: Sequence[tuple[dt.date, bool, str]]) -> CalendarFor:
    """``calendar_for(org)`` as it would be once the notice ``days`` of ``year`` were entered (nothing written)."""
    snap = _snapshot()
    kept = _local_dates(year)  # installation-wide local days stay; the year's notice days are replaced
    rows = {d: v for d, v in snap.rows.items() if d.year != year or d in kept}
    rows.update({day: (flag, name) for day, flag, name in days})
    hypothetical = _Snapshot((), _calendar(rows, snap.official_years | {year}), rows,
                             snap.official_years | {year}, snap.local)
    return lambda org: _for_org(hypothetical, org)


def _local_dates(year: int) -> set[dt.date]:
    return set(DayOverride.objects.filter(org__isnull=True, local=True, date__year=year).values_list("date", flat=True))


# --- after a change --------------------------------------------------------------------------------------

def _run_hooks(years: set[int], report: ChangeReport | None = None) -> None:
    clear_cache()
    report = report if report is not None else ChangeReport()
    report.ran = True
    for hook in list(on_calendar_change):
        try:
            result = hook(set(years))
        except Exception:  # one failing hook must not stop the others; the failure is logged
            logger.exception("calendar change hook %r failed", hook)
            continue
        if isinstance(result, int) and not isinstance(result, bool):
            report.recomputed += result
    for source in list(deadline_sources):
        try:
            report.moved += source(calendar_for=get_calendar, apply=True)
        except Exception:
            logger.exception("deadline source %r failed", source)


def notify_calendar_changed(years: Iterable[int], report: ChangeReport | None = None) -> None:
    """Run the hooks once the current transaction commits (at once outside a transaction)."""
    affected = set(years)
    transaction.on_commit(lambda: _run_hooks(affected, report))


def preview_moves(calendar_for: CalendarFor) -> list[MovedDeadline]:
    """The open deadlines that would move under ``calendar_for`` (every source asked with apply=False)."""
    moved: list[MovedDeadline] = []
    for source in list(deadline_sources):
        moved += source(calendar_for=calendar_for, apply=False)
    return moved


# --- writing ---------------------------------------------------------------------------------------------

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
        raise RuleViolation("；".join(errors))


def enter_notice(
    *,
    actor,
    year: int,
    title: str,
    reference: str = "",
    days: Sequence[tuple[dt.date, bool, str]],
    published_on: dt.date | None = None,
    report: ChangeReport | None = None,
) -> HolidayNotice:
    """Enter (or replace) the State Council holiday notice for ``year``; the year stops being provisional.

    ``days`` lists every day the notice names: (date, is_workday, name) — the holiday periods
    (is_workday False) and the weekend days worked (调休上班, is_workday True). Installation-wide local
    arrangements already entered for those dates are kept and reported as an error; an organization's
    own local days are not touched (they still win in that organization's calendar). ``report``, when
    given, receives what the hooks did after the commit (the deadlines that moved).
    """
    if not LIBRARY_FIRST_YEAR <= year <= LAST_NOTICE_YEAR:
        raise RuleViolation(f"年份不在可录入的范围内：{year}")
    if not title.strip():
        raise RuleViolation("请填写通知名称")
    if published_on is not None and published_on > timezone.localdate():
        raise RuleViolation(f"发布日期{published_on.isoformat()}晚于今天，不可能是已发布通知的日期")
    _validate_days(year, days)
    with transaction.atomic():
        notice, created = HolidayNotice.objects.update_or_create(
            year=year,
            defaults={"title": title.strip(), "reference": reference.strip(), "published_on": published_on,
                      "entered_by": actor if getattr(actor, "is_authenticated", False) else None},
        )
        notice.days.all().delete()
        dates = [day for day, _flag, _name in days]
        installation = DayOverride.objects.filter(org__isnull=True, date__in=dates)
        local = sorted(installation.filter(local=True).values_list("date", flat=True))
        if local:
            raise RuleViolation("以下日期已有地方性安排，请先删除后再录入通知：" + "、".join(d.isoformat() for d in local))
        installation.delete()  # stray non-local rows for those dates
        DayOverride.objects.bulk_create(
            [DayOverride(date=day, is_workday=flag, name=name, notice=notice) for day, flag, name in days]
        )
        record(
            actor=actor,
            action=WorkdaysAction.NOTICE_ENTERED if created else WorkdaysAction.NOTICE_REPLACED,
            obj=notice,
            comment=notice.title,
            data={"year": year, "reference": notice.reference,
                  "published_on": published_on.isoformat() if published_on else None,
                  "days": [[day.isoformat(), flag, name] for day, flag, name in sorted(days)]},
        )
        notify_calendar_changed({year}, report)
    return notice


def enter_parsed_notice(*, actor, parsed: ParsedNotice, title: str = "", reference: str = "",
                        published_on: dt.date | None = None) -> tuple[HolidayNotice, ChangeReport]:
    """Record a notice read by :func:`~gongkai.workdays.notice.parse_notice`; returns it with the hooks' report.

    Name, 文号 and date default to what the text itself states. Outside a transaction the report is
    complete on return (the hooks ran on commit, inside this call).
    """
    report = ChangeReport()
    notice = enter_notice(
        actor=actor, year=parsed.year,
        title=title or parsed.title or f"国务院办公厅关于{parsed.year}年部分节假日安排的通知",
        reference=reference or parsed.reference, published_on=published_on or parsed.published_on,
        days=parsed.days(), report=report,
    )
    return notice, report


MAX_LOCAL_SPAN = 31  # days entered at once as one local arrangement


def set_days(*, actor, days: Sequence[dt.date], is_workday: bool, name: str = "", local: bool = True, org=None,
             include_units: bool = False, report: ChangeReport | None = None) -> list[DayOverride]:
    """Enter or change days in one transaction: by default local arrangements (地方性安排) of the whole
    installation, or, with ``org``, of that organization (and of the units under it with ``include_units``).
    The deadlines are recomputed once, after the commit; ``report`` receives the ones that moved."""
    if org is not None and not local:
        raise RuleViolation("机构的日期调整只能是地方性安排")
    if include_units and org is None:
        raise RuleViolation("请选择适用的机构")
    if len(name) > DayOverride._meta.get_field("name").max_length:
        raise RuleViolation("说明过长", "name")
    if not days or len(set(days)) > MAX_LOCAL_SPAN:
        raise RuleViolation(f"一次可录入1至{MAX_LOCAL_SPAN}天", "last")
    rows = []
    with transaction.atomic():
        for day in sorted(set(days)):
            override, created = DayOverride.objects.update_or_create(
                date=day, org=org,
                defaults={"is_workday": is_workday, "name": name, "local": local, "include_units": include_units},
            )
            record(
                actor=actor,
                action=WorkdaysAction.DAY_SET,
                obj=override,
                org=org,
                to_state="workday" if is_workday else "day_off",
                comment=name,
                data={"date": day.isoformat(), "is_workday": is_workday, "local": local, "created": created,
                      "org": org.code if org is not None else None, "include_units": include_units},
            )
            rows.append(override)
        notify_calendar_changed({day.year for day in days}, report)
    return rows


def set_day(*, actor, day: dt.date, is_workday: bool, name: str = "", local: bool = True, org=None,
            include_units: bool = False, report: ChangeReport | None = None) -> DayOverride:
    """Enter or change one day (see :func:`set_days`)."""
    return set_days(actor=actor, days=[day], is_workday=is_workday, name=name, local=local, org=org,
                    include_units=include_units, report=report)[0]


def remove_day(*, actor, day: dt.date, org=None, report: ChangeReport | None = None) -> None:
    """Remove the override of ``day`` (of ``org``, or the installation's); the day falls back to the notice/statutory rule."""
    with transaction.atomic():
        override = DayOverride.objects.filter(date=day, org=org).first()
        if override is None:
            raise RuleViolation(f"{day.isoformat()}没有录入调整")
        record(actor=actor, action=WorkdaysAction.DAY_REMOVED, obj=override, org=org,
               from_state="workday" if override.is_workday else "day_off",
               data={"date": day.isoformat(), "org": org.code if org is not None else None})
        override.delete()
        notify_calendar_changed({day.year}, report)


def changed_in_admin(*, actor, obj: HolidayNotice | DayOverride, action: WorkdaysAction) -> None:
    """Audit a notice or day written by the admin (which saved the rows itself) and run the hooks."""
    if isinstance(obj, HolidayNotice):
        year = obj.year
        data = {"year": year, "days": [[o.date.isoformat(), o.is_workday, o.name] for o in obj.days.all()]}
        org = None
    else:
        year = obj.date.year
        org = obj.org
        data = {"date": obj.date.isoformat(), "is_workday": obj.is_workday, "local": obj.local,
                "org": org.code if org is not None else None, "include_units": obj.include_units}
    record(actor=actor, action=WorkdaysAction(action), obj=obj, org=org, comment=str(obj), data=data)
    notify_calendar_changed({year})
