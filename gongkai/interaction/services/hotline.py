"""12345 hotline work orders: import from the hotline's CSV, manual entry, and the rates per period and unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.audit.services import record
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability

from .. import hotline_csv, rules
from ..actions import InteractionAction
from ..models import WorkOrder
from .common import require

FIELDS = ("line", "received_on", "category", "summary", "replied_on", "closed_on", "satisfaction")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        return f"导入完成：新增 {self.created} 条，更新 {self.updated} 条，错误 {len(self.errors)} 行。"


def import_csv(*, data: bytes, org: Organization, actor=None) -> ImportResult:
    """Import a hotline export into ``org`` (or a unit below it named in 承办单位代码).

    A work order already imported (same unit and number) is updated: exports are taken again as orders
    are closed and rated. Each good row is saved on its own, so a bad line never loses the good ones.
    """
    try:
        text = hotline_csv.decode(data)
    except UnicodeDecodeError:
        return ImportResult(errors=[(1, "文件编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV")])
    parsed = hotline_csv.parse(text)
    result = ImportResult(errors=list(parsed.errors))
    units = {o.code: o for o in Organization.objects.filter(pk__in=org.descendant_ids())}
    for row in parsed.rows:
        values = dict(row.values)
        unit_code = values.pop("unit", "") or org.code
        unit = units.get(unit_code)
        if unit is None:
            result.errors.append((row.line_no, f"承办单位代码“{unit_code}”不是 {org.code} 或其下属单位"))
            continue
        number = values.pop("number")
        with transaction.atomic():
            order, created = WorkOrder.objects.update_or_create(
                org=unit, number=number, defaults={k: values[k] for k in FIELDS}, create_defaults={
                    **{k: values[k] for k in FIELDS}, "created_by": actor if getattr(actor, "pk", None) else None})
            record(actor=actor or "热线数据导入", action=InteractionAction.HOTLINE_IMPORT, obj=order, org=unit,
                   data={"line_no": row.line_no, "created": created})
        result.created += created
        result.updated += not created
    result.errors.sort()
    return result


@transaction.atomic
def enter_work_order(*, actor, org: Organization, number: str, **values) -> WorkOrder:
    """Manual entry of one work order (e.g. a phone call taken by the unit itself)."""
    require(actor, org, Capability.HANDLE_SUBMISSION, "登记热线工单")
    number = (number or "").strip()
    if WorkOrder.objects.filter(org=org, number=number).exists():
        raise ValidationError({"number": f"工单编号 {number} 已存在。"})
    received_on = values["received_on"]
    for key, label in (("replied_on", "回复日期"), ("closed_on", "办结日期")):
        if values.get(key) and values[key] < received_on:
            raise ValidationError({key: f"{label}不能早于受理日期。"})
    order = WorkOrder.objects.create(org=org, number=number, created_by=actor,
                                     **{k: values.get(k) or ("" if k not in ("replied_on", "closed_on") else None)
                                        for k in FIELDS})
    record(actor=actor, action=InteractionAction.HOTLINE_ENTER, obj=order, org=org, data={"number": number})
    return order


@dataclass(frozen=True)
class RateRow:
    period: str
    unit: Organization
    rates: rules.HotlineRates


def rate_table(org_ids: set[int], start: dt.date, end: dt.date, period: str = "month",
               *, as_of: dt.date | None = None) -> list[RateRow]:
    """办结率, 回复率, 满意率 of work orders received in [start, end], per period and unit."""
    groups: dict[tuple[str, int], list] = {}
    orders = (WorkOrder.objects.filter(org_id__in=org_ids, received_on__gte=start, received_on__lte=end)
              .values_list("org_id", "received_on", "replied_on", "closed_on", "satisfaction"))
    for org_id, received_on, replied_on, closed_on, satisfaction in orders:
        groups.setdefault((rules.period_key(received_on, period), org_id), []).append(
            (replied_on, closed_on, satisfaction))
    orgs = Organization.objects.in_bulk({org_id for _p, org_id in groups})
    return [RateRow(p, orgs[org_id], rules.hotline_rates(groups[(p, org_id)], as_of=as_of))
            for p, org_id in sorted(groups, key=lambda k: (k[0], orgs[k[1]].position, k[1]))]
