"""Pure rules of service guides: the key elements that block publication, and the status table."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .models import GuideStatus

# 国办秘函〔2019〕19号: a guide missing any of these fails the whole site (单项否决).
KEY_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("name", "事项名称"), ("basis", "设定依据"), ("conditions", "申请条件"), ("materials", "办理材料"),
    ("location", "办理地点"), ("hours", "办理时间"), ("phone", "联系电话"), ("process", "办理流程"),
)
# Shown on every guide but not part of the veto list.
OTHER_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("time_limit", "办理时限"), ("fees", "收费标准"), ("consultation", "咨询方式"), ("complaint", "投诉方式"),
)
# Text that fills a box without saying anything.
PLACEHOLDERS = frozenset({"无", "暂无", "略", "待定", "待补充", "详见附件", "见附件", "-", "—", "/", "／", "…", "..."})
_PHONE_DIGITS = 7


def _blank(value: str) -> bool:
    text = re.sub(r"\s+", "", value or "")
    return not text or text in PLACEHOLDERS


def missing_elements(values: Mapping[str, str]) -> list[str]:
    """Labels of the key elements a guide lacks, in the checks' order.

    A placeholder such as “无” or “详见附件” counts as missing; a 联系电话 needs at least seven digits.
    """
    missing = []
    for name, label in KEY_ELEMENTS:
        value = values.get(name) or ""
        if _blank(value) or (name == "phone" and len(re.findall(r"\d", value)) < _PHONE_DIGITS):
            missing.append(label)
    return missing


class GuideAction:
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    EDIT = "edit"


TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    GuideAction.PUBLISH: (frozenset({GuideStatus.DRAFT, GuideStatus.WITHDRAWN}), GuideStatus.PUBLISHED),
    GuideAction.WITHDRAW: (frozenset({GuideStatus.PUBLISHED}), GuideStatus.WITHDRAWN),
    # A published guide may be corrected in place, as long as it stays complete.
    GuideAction.EDIT: (frozenset({GuideStatus.DRAFT, GuideStatus.WITHDRAWN, GuideStatus.PUBLISHED}), ""),
}


def transition_error(action: str, status: str, missing: list[str]) -> str:
    allowed, target = TRANSITIONS[action]
    if status not in allowed:
        return f"办事指南当前为“{dict(GuideStatus.choices)[status]}”，不能执行此操作。"
    publishing = target == GuideStatus.PUBLISHED or (action == GuideAction.EDIT and status == GuideStatus.PUBLISHED)
    if publishing and missing:
        return "办事指南缺少要素：" + "、".join(missing) + "。缺少要素的指南不能公开（网站检查单项否决项）。"
    return ""
