"""Pure rules of the power list: categories, item checks, flows, version differences, publication."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .models import ListStatus, PowerCategory

LABELS = dict(PowerCategory.choices)
# Labels units write in their sheets, mapped to the national categories.
CATEGORY_ALIASES: dict[str, str] = {str(label): value for value, label in PowerCategory.choices} | {
    "许可": PowerCategory.LICENSING, "处罚": PowerCategory.PENALTY, "强制": PowerCategory.ENFORCEMENT,
    "行政强制措施": PowerCategory.ENFORCEMENT, "行政强制执行": PowerCategory.ENFORCEMENT,
    "征收": PowerCategory.LEVY, "给付": PowerCategory.BENEFIT, "检查": PowerCategory.INSPECTION,
    "行政监督检查": PowerCategory.INSPECTION, "确认": PowerCategory.CONFIRMATION, "奖励": PowerCategory.REWARD,
    "裁决": PowerCategory.ADJUDICATION, "其他权力": PowerCategory.OTHER, "其他": PowerCategory.OTHER,
}
CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._\-]{0,59}$")
REQUIRED = ("code", "name", "category", "basis", "subject", "responsibilities", "accountability")
FIELD_LABELS = {
    "code": "事项编码", "name": "事项名称", "sub_item": "子项名称", "category": "权力类型", "basis": "实施依据",
    "subject": "实施主体", "responsibilities": "责任事项", "accountability": "追责情形", "flow_steps": "运行流程",
    "remarks": "备注",
}
MAX_LENGTHS = {"code": 60, "name": 300, "sub_item": 300, "subject": 200, "remarks": 500}
MAX_STEPS = 12

# The standard flow drawn when a unit gives none (the common procedure of each kind of power).
DEFAULT_FLOWS: dict[str, tuple[str, ...]] = {
    PowerCategory.LICENSING: ("申请", "受理", "审查", "决定", "送达"),
    PowerCategory.PENALTY: ("立案", "调查取证", "告知拟处罚决定", "陈述申辩或听证", "作出决定", "送达", "执行"),
    PowerCategory.ENFORCEMENT: ("报告负责人批准", "告知当事人", "听取陈述申辩", "实施强制", "制作笔录", "依法解除或执行"),
    PowerCategory.LEVY: ("核定", "告知", "征收", "出具凭证"),
    PowerCategory.BENEFIT: ("申请", "受理", "审核", "公示", "决定", "发放"),
    PowerCategory.INSPECTION: ("制定检查计划", "实施检查", "形成检查结论", "依法处理", "结果公开"),
    PowerCategory.CONFIRMATION: ("申请", "受理", "审查", "确认", "送达"),
    PowerCategory.REWARD: ("推荐或申报", "审核", "公示", "决定", "表彰奖励"),
    PowerCategory.ADJUDICATION: ("申请", "受理", "调查", "裁决", "送达"),
    PowerCategory.OTHER: ("启动", "审查", "决定", "送达"),
}


def parse_category(raw: str) -> str | None:
    """The national category for a label as written in a sheet ('行政许可', '许可', …), or None."""
    text = re.sub(r"\s+", "", raw or "")
    return CATEGORY_ALIASES.get(text)


def item_errors(values: Mapping[str, str]) -> dict[str, str]:
    """Errors of one item, keyed by field (Chinese messages naming the field)."""
    errors: dict[str, str] = {}
    for name in REQUIRED:
        if not (values.get(name) or "").strip():
            errors[name] = f"请填写{FIELD_LABELS[name]}。"
    code = (values.get("code") or "").strip()
    if code and not CODE.match(code):
        errors["code"] = "事项编码只能由字母、数字和 . _ - 组成，且不超过60位。"
    category = values.get("category") or ""
    if category and category not in LABELS:
        errors["category"] = "权力类型应为：" + "、".join(str(label) for label in LABELS.values()) + "。"
    for name, limit in MAX_LENGTHS.items():
        if name not in errors and len(values.get(name) or "") > limit:
            errors[name] = f"{FIELD_LABELS[name]}不能超过{limit}个字。"
    if "flow_steps" not in errors and len(parse_steps(values.get("flow_steps") or "")) > MAX_STEPS:
        errors["flow_steps"] = f"运行流程最多{MAX_STEPS}个环节。"
    return errors


def parse_steps(text: str) -> list[str]:
    """Flow steps from one per line, or one line joined by → / -> / >."""
    parts = re.split(r"\s*(?:\r?\n|→|->|＞|>)\s*", text or "")
    return [p.strip(" 　、,，;；") for p in parts if p.strip(" 　、,，;；")]


def flow_for(category: str, text: str) -> tuple[list[str], bool]:
    """The steps to draw, and whether they are the category's standard flow (no unit-given steps)."""
    steps = parse_steps(text)
    if steps:
        return steps, False
    return list(DEFAULT_FLOWS.get(category, DEFAULT_FLOWS[PowerCategory.OTHER])), True


COMPARED = ("name", "sub_item", "category", "basis", "subject", "responsibilities", "accountability",
            "flow_steps", "remarks")


@dataclass(frozen=True)
class Changes:
    added: list[tuple[str, str]]
    removed: list[tuple[str, str]]
    changed: list[tuple[str, str]]

    def as_json(self) -> dict:
        return {"added": [list(x) for x in self.added], "removed": [list(x) for x in self.removed],
                "changed": [list(x) for x in self.changed]}

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff(old: Iterable[Mapping[str, str]], new: Iterable[Mapping[str, str]]) -> Changes:
    """What a new version adds, removes and changes, matched by 事项编码."""
    before = {item["code"]: item for item in old}
    after = {item["code"]: item for item in new}
    added = [(c, after[c]["name"]) for c in after if c not in before]
    removed = [(c, before[c]["name"]) for c in before if c not in after]
    changed = [(c, after[c]["name"]) for c in after if c in before
               and any((before[c].get(f) or "") != (after[c].get(f) or "") for f in COMPARED)]
    return Changes(sorted(added), sorted(removed), sorted(changed))


def publish_errors(status: str, item_count: int, reason: str, is_first: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    if status != ListStatus.DRAFT:
        errors["__all__"] = "只有调整中的清单可以公布。"
    elif item_count == 0:
        errors["__all__"] = "清单中还没有权责事项。"
    if not is_first and not (reason or "").strip():
        errors["reason"] = "请填写本次调整的原因和依据。"
    return errors
