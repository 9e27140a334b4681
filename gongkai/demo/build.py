"""Builds the demo platform: organizations, columns, staff accounts and published items."""

from __future__ import annotations

import io
import json
import os
import zlib
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.audit.verify import verify as verify_register
from gongkai.audit.verify import write_anchor
from gongkai.catalog.models import Column
from gongkai.core import sequences
from gongkai.documents.importer import import_documents
from gongkai.documents.models import Document
from gongkai.documents.services import index_sequence_key
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.services import create_org, create_staff_user

from .activity import build_activity
from .generate import generate
from .holidays import NOTICE_2027_EXAMPLE, build_calendar
from .jobs import build_jobs
from .reports import build_reports
from .seeds import ORGS, SEED_DOCUMENTS

DEMO_PASSWORD = os.environ.get("GONGKAI_DEMO_PASSWORD", "gongkai-demo-2026")
ABBREVIATIONS = {
    "yishui": "沂政发", "yishuixzb": "沂政办发", "yishuijty": "沂教体发", "yishuimzj": "沂民发",
    "yishuiljqz2322108": "龙街办发", "yishuisgz": "沙政发", "shaxianqzz": "青政",
}
GENERATED_PER_ORG = {"yishuiljqz2322108": 90, "yishuisgz": 70, "yishui": 60}

# (username, org code, roles, display name)
ACCOUNTS = [
    ("admin", "yishui", [Role.SYSTEM_ADMIN], "系统管理员"),
    ("county_office", "yishui", [Role.OFFICE_ADMIN, Role.REQUEST_HANDLER], "县政务公开办 王主任"),
    ("ljq_officer", "yishuiljqz2322108", [Role.OFFICER], "龙家圈街道信息员 李明"),
    ("ljq_office", "yishuiljqz2322108", [Role.OFFICE_REVIEWER], "龙家圈街道党政办 张华"),
    ("ljq_leader", "yishuiljqz2322108", [Role.LEADER_REVIEWER], "龙家圈街道分管领导 赵强"),
    ("ljq_secrecy", "yishuiljqz2322108", [Role.SECRECY_REVIEWER], "龙家圈街道保密审查 刘洋"),
    ("ljq_handler", "yishuiljqz2322108", [Role.REQUEST_HANDLER], "龙家圈街道依申请经办 陈静"),
    ("ljq_legal", "yishuiljqz2322108", [Role.LEGAL_ADVISER], "龙家圈街道法律顾问 孙律师"),
    ("ljq_admin", "yishuiljqz2322108", [Role.OFFICE_ADMIN], "龙家圈街道政务公开办 周伟"),
    ("sg_officer", "yishuisgz", [Role.OFFICER], "沙沟镇信息员 吴芳"),
    ("sg_reviewer", "yishuisgz", [Role.OFFICE_REVIEWER, Role.LEADER_REVIEWER, Role.SECRECY_REVIEWER], "沙沟镇审核人 郑军"),
]


def _leaf_columns(org: Organization) -> list[tuple[str, str]]:
    columns = list(Column.objects.filter(org=org).exclude(kind__in=["guide", "annual_report"]))
    parents = {c.parent_id for c in columns if c.parent_id}
    return [(c.slug, c.kind) for c in columns if c.pk not in parents]


def _import(org: Organization, rows: list[dict]) -> int:
    stream = io.StringIO("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    summary = import_documents(stream, org, actor_name="演示数据")
    if summary.errors:
        raise RuntimeError(f"demo data rejected: {summary.errors[:3]}")
    return summary.imported


def build(today: date | None = None) -> dict:
    """Create everything once; a second run changes nothing and returns the same accounts."""
    today = today or timezone.localdate()
    orgs: dict[str, Organization] = {}
    created_docs = 0
    for position, (code, name, short, kind, parent, template, guide) in enumerate(ORGS, start=1):
        org, created = create_org(
            code=code, name=name, short_name=short, kind=kind, parent=orgs.get(parent) if parent else None,
            template=template, position=position, **guide,
        )
        orgs[code] = org
    for username, code, roles, display in ACCOUNTS:
        create_staff_user(
            username=username, password=DEMO_PASSWORD, org=orgs[code], roles=list(roles), full_name=display,
            is_superuser=Role.SYSTEM_ADMIN in roles,
        )
    if not Document.objects.exists():
        with transaction.atomic():
            for seed in SEED_DOCUMENTS:
                row = {k: v for k, v in seed.items() if k != "org"}
                created_docs += _import(orgs[seed["org"]], [row])
            # Seed 001's item carries 索引号 …/2023-0000352: later 2023 items continue after it.
            sequences.advance_to(index_sequence_key(orgs["yishuiljqz2322108"], 2023), 352)
        for index, (code, count) in enumerate(GENERATED_PER_ORG.items()):
            org = orgs[code]
            rows = generate(org.name, org.short_name, ABBREVIATIONS[code], _leaf_columns(org), today=today,
                            count=count, seed=2026 + index)
            created_docs += _import(org, rows)
        for code in ("yishuixzb", "yishuijty", "yishuimzj", "shaxianqzz"):
            org = orgs[code]
            rows = generate(org.name, org.short_name, ABBREVIATIONS[code], _leaf_columns(org), today=today,
                            count=25, seed=zlib.crc32(code.encode()))
            created_docs += _import(org, rows)
        build_activity(today)
        build_calendar(today)
        build_reports(today)
        build_jobs()
        # The register as an operator finds it after the daily job: verified, its head anchored.
        verify_register()
        write_anchor()
    return {"orgs": len(orgs), "documents": created_docs, "accounts": ACCOUNTS, "password": DEMO_PASSWORD,
            "notice_example": NOTICE_2027_EXAMPLE}
