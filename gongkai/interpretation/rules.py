"""Pure rules of policy interpretation: the standard outline and the 三同步 state of a policy."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

# Seed 002 (篇8) and rules.md §4: the eight parts an interpretation covers, in this order.
OUTLINE_PARTS: tuple[str, ...] = (
    "决策背景和依据",
    "制定意义和总体考虑",
    "研判和起草过程",
    "工作目标",
    "主要任务",
    "创新举措",
    "保障措施",
    "下一步工作",
)
_NUMERALS = "一二三四五六七八九十"


def outline_heading(index: int) -> str:
    """'一、决策背景和依据' for index 0."""
    return f"{_NUMERALS[index]}、{OUTLINE_PARTS[index]}"


def outline_html(sections: dict[int, str] | None = None) -> str:
    """The body of a new interpretation: one <h2> per standard part, followed by its text if given.

    Parts without text keep their heading and a bracketed prompt, so the drafter sees what is missing.
    """
    sections = sections or {}
    parts = []
    for i, _name in enumerate(OUTLINE_PARTS):
        parts.append(f"<h2>{html.escape(outline_heading(i))}</h2>")
        text = (sections.get(i) or "").strip()
        if text:
            parts.extend(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
        else:
            parts.append(f"<p>{PLACEHOLDER}</p>")
    return "\n".join(parts)


PLACEHOLDER = "（请填写本部分内容）"


def missing_parts(body_text: str) -> list[str]:
    """Standard parts absent from the text, or present only as a heading with no content under it.

    A reminder on the staff screen, not a block: some policies have no 创新举措, for instance.
    """
    text = body_text or ""
    found = sorted((text.find(name), name) for name in OUTLINE_PARTS if name in text)
    missing = [name for name in OUTLINE_PARTS if name not in text]
    for i, (start, name) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        content = text[start + len(name):end].replace(PLACEHOLDER, "")
        # Drop the next part's numbering (e.g. "二、") that sits just before its name.
        content = content.strip().rstrip("一二三四五六七八九十、").strip()
        if not content:
            missing.append(name)
    return [name for name in OUTLINE_PARTS if name in missing]


class SyncState:
    """三同步: where a policy that needs an interpretation stands."""

    DUE_WITH_POLICY = "due_with_policy"  # policy not yet published: publish both together
    OVERDUE = "overdue"  # policy published, no published interpretation
    DONE = "done"


SYNC_LABELS = {
    SyncState.DUE_WITH_POLICY: "应与政策同步发布",
    SyncState.OVERDUE: "已逾期：政策已发布，解读未发布",
    SyncState.DONE: "已同步解读",
}


@dataclass(frozen=True)
class Sync:
    state: str
    days_late: int = 0

    @property
    def label(self) -> str:
        return SYNC_LABELS[self.state]


def sync_state(*, policy_published_on: dt.date | None, interpretation_published: bool, today: dt.date) -> Sync:
    """The 三同步 state of one policy marked as needing interpretation.

    The interpretation is published together with its policy (rules.md §4), so any day after the
    policy's publication without a published interpretation counts as late; the publication day
    itself already is overdue but zero days late.
    """
    if interpretation_published:
        return Sync(SyncState.DONE)
    if policy_published_on is None:
        return Sync(SyncState.DUE_WITH_POLICY)
    return Sync(SyncState.OVERDUE, max(0, (today - policy_published_on).days))
