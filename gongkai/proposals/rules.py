"""Pure rules of suggestion and proposal replies: what a reply needs before it is published."""

from __future__ import annotations

import datetime as dt

from .models import ProposalStatus, ResultCategory


def reply_errors(result: str, reply: str, replied_on: dt.date | None, *, year: int, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if result not in ResultCategory.values:
        errors["result"] = "请选择办理结果类别。"
    if len((reply or "").strip()) < 20:
        errors["reply"] = "答复内容过短，请写明办理情况（至少20字）。"
    if replied_on is None:
        errors["replied_on"] = "请填写答复日期。"
    elif replied_on > today:
        errors["replied_on"] = "答复日期不能晚于今天。"
    elif replied_on.year < year:
        errors["replied_on"] = f"答复日期不能早于{year}年。"
    return errors


def publish_error(status: str, has_reply: bool) -> str:
    if status != ProposalStatus.HANDLING:
        return "办理结果已经公开。"
    if not has_reply:
        return "请先填写答复，再公开办理结果。"
    return ""
