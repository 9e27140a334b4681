"""`gongkai import requests FILE.jsonl --org CODE`: load a historical request ledger (台账).

One request per line (contracts.md "Import"). Each line is stored in its own savepoint: a bad line is
reported with its number and skipped, every good line is kept.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.commands import UsageError
from gongkai.orgs.models import Organization

from .actions import RequestAction
from .choices import ApplicantType, Channel, EventKind, Outcome, Status
from .deadlines import impossible_date
from .models import DisclosureRequest, RequestEvent
from .services import refresh_due_date

ACTOR = "台账导入"


@dataclass
class ImportSummary:
    created: int = 0
    existing: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    lines: int = 0

    def line(self) -> str:
        return (f"导入依申请公开台账：共{self.lines}行，新增{self.created}件，已存在{self.existing}件，"
                f"错误{len(self.errors)}行。")


class LineError(ValueError):
    pass


def _date(data: dict[str, Any], key: str, *, required: bool) -> dt.date | None:
    value = data.get(key)
    if value in (None, ""):
        if required:
            raise LineError(f"缺少{key}")
        return None
    if not isinstance(value, str):
        raise LineError(f"{key}应为YYYY-MM-DD格式的日期")
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise LineError(f"{key}不是有效日期（应为YYYY-MM-DD）：{value}") from None


def _choice(data: dict[str, Any], key: str, choices, *, required: bool) -> str:
    value = data.get(key)
    if value in (None, ""):
        if required:
            raise LineError(f"缺少{key}")
        return ""
    if value not in choices.values:
        raise LineError(f"{key}的值无效：{value}")
    return value


def parse_line(text: str) -> dict[str, Any]:
    """Validate one ledger line; returns the model fields or raises LineError with a Chinese message."""
    try:
        data = json.loads(text)
    except ValueError:
        raise LineError("不是有效的JSON") from None
    if not isinstance(data, dict):
        raise LineError("每行应为一个JSON对象")
    number = data.get("number")
    if not isinstance(number, str) or not number.strip():
        raise LineError("缺少申请编号number")
    if len(number.strip()) > 32:
        raise LineError("申请编号过长（最多32个字符）")
    fields = {
        "number": number.strip(),
        "applicant_type": _choice(data, "applicant_type", ApplicantType, required=True),
        "channel": _choice(data, "channel", Channel, required=True),
        "received_on": _date(data, "received_on", required=True),
        "outcome": _choice(data, "outcome", Outcome, required=False),
        "replied_on": _date(data, "replied_on", required=False),
    }
    if bool(fields["outcome"]) != bool(fields["replied_on"]):
        raise LineError("outcome与replied_on应同时填写（已答复）或同时省略（未办结）")
    now = timezone.localdate()
    for event, key in (("receipt", "received_on"), ("reply", "replied_on")):
        if fields[key] and (problem := impossible_date(event, fields[key], today=now,
                                                        received_on=fields["received_on"])) is not None:
            raise LineError(f"{key}：{problem}")
    return fields


def _store(org: Organization, fields: dict[str, Any]) -> DisclosureRequest:
    replied = fields["replied_on"] is not None
    req = DisclosureRequest.objects.create(
        org=org, imported=True, status=Status.ARCHIVED if replied else Status.REGISTERED, **fields
    )
    RequestEvent.objects.create(request=req, kind=EventKind.RECEIVED, on=req.received_on, actor_name=ACTOR,
                                to_status=Status.REGISTERED)
    if replied:
        RequestEvent.objects.create(request=req, kind=EventKind.REPLIED, on=req.replied_on, actor_name=ACTOR,
                                    from_status=Status.REGISTERED, to_status=req.status,
                                    data={"outcome": req.outcome})
    else:
        refresh_due_date(req)
    record(actor=ACTOR, action=RequestAction.IMPORTED, obj=req, org=org, to_state=req.status,
           data={k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in fields.items()})
    return req


def import_requests(path: str | Path, org_code: str, stdout: IO[str], stderr: IO[str] | None = None) -> ImportSummary:
    """Import the ledger at ``path`` for ``org_code``; prints bad lines and one summary line."""
    stderr = stderr or stdout
    org = Organization.objects.filter(code=org_code).first()
    if org is None:
        raise UsageError(f"机构不存在：{org_code}")
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UsageError(f"无法读取文件{path}：{exc.strerror or exc}") from None
    summary = ImportSummary()
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            summary.lines += 1
            try:
                try:
                    text = raw.decode("utf-8").lstrip("\ufeff").strip()
                except UnicodeDecodeError:
                    raise LineError("不是UTF-8编码的文本") from None
                fields = parse_line(text)
                existing = DisclosureRequest.objects.filter(number=fields["number"]).first()
                if existing is not None:
                    if existing.org_id != org.pk:
                        raise LineError(f"申请编号{fields['number']}已属于其他机关")
                    summary.existing += 1
                    continue
                with transaction.atomic():
                    _store(org, fields)
                summary.created += 1
            except IntegrityError:
                exc = LineError("申请编号重复")
                summary.errors.append((lineno, str(exc)))
                stderr.write(f"第{lineno}行：{exc}\n")
            except LineError as exc:
                summary.errors.append((lineno, str(exc)))
                stderr.write(f"第{lineno}行：{exc}\n")
    stdout.write(summary.line() + "\n")
    return summary
