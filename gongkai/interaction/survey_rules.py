"""Pure rules of 问卷调查: the question outline staff type in, and the server-rendered SVG bar chart."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_KIND_MARKS = {"单选": "single", "多选": "multiple", "文字": "text"}
_QUESTION = re.compile(r"^\[(?P<kind>单选|多选|文字)\]\s*(?P<text>.+)$")
_CHOICE = re.compile(r"^[-－—·•]\s*(?P<text>.+)$")


@dataclass
class QuestionSpec:
    text: str
    kind: str
    choices: list[str] = field(default_factory=list)


def parse_outline(text: str) -> list[QuestionSpec]:
    """Questions from lines like '[单选] 题目' followed by '- 选项' lines; ValueError names the bad line.

    Choice questions need two to twenty options; text questions take none.
    """
    questions: list[QuestionSpec] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        q = _QUESTION.match(line)
        c = _CHOICE.match(line)
        if q:
            if len(q.group("text")) > 300:
                raise ValueError(f"第 {number} 行：题目不能超过300个字。")
            questions.append(QuestionSpec(q.group("text").strip(), _KIND_MARKS[q.group("kind")]))
        elif c:
            if not questions or questions[-1].kind == "text":
                raise ValueError(f"第 {number} 行：选项必须写在单选或多选题的题目之后。")
            if len(c.group("text")) > 200:
                raise ValueError(f"第 {number} 行：选项不能超过200个字。")
            questions[-1].choices.append(c.group("text").strip())
        else:
            raise ValueError(f"第 {number} 行：无法识别。题目以 [单选]、[多选] 或 [文字] 开头，选项以“- ”开头。")
    if not questions:
        raise ValueError("请至少填写一道题目。")
    for i, q in enumerate(questions, start=1):
        if q.kind != "text" and not 2 <= len(q.choices) <= 20:
            raise ValueError(f"第 {i} 题“{q.text}”应有2至20个选项。")
        if len(set(q.choices)) != len(q.choices):
            raise ValueError(f"第 {i} 题“{q.text}”有重复的选项。")
    return questions


BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 220
BAR_WIDTH = 360


def bar_chart_svg(title: str, rows: list[tuple[str, int]], total: int) -> str:
    """A horizontal bar chart as inline SVG (no JavaScript): one bar per option, count and share as text.

    Labels are escaped; the chart is an image with a text alternative listing every figure.
    """
    height = GAP + len(rows) * (BAR_HEIGHT + GAP)
    width = LABEL_WIDTH + BAR_WIDTH + 110
    peak = max((count for _label, count in rows), default=0) or 1
    summary = "；".join(f"{label} {count} 票" for label, count in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{html.escape(title)}：{html.escape(summary)}">',
    ]
    for i, (label, count) in enumerate(rows):
        y = GAP + i * (BAR_HEIGHT + GAP)
        share = f"{100 * count / total:.1f}%" if total else "0.0%"
        short = label if len(label) <= 14 else label[:13] + "…"
        bar = round(BAR_WIDTH * count / peak)
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" font-size="14">'
                     f"{html.escape(short)}</text>")
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" fill="#1f5fa8"></rect>')
        parts.append(f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + 16}" font-size="14">{count}（{share}）</text>')
    parts.append("</svg>")
    return "".join(parts)
