"""The operation flowchart (运行流程图) of a power item, drawn on the server as SVG.

A vertical chain of boxes joined by arrows, 360 units wide so it fits a phone without scrolling; the
first and last steps are rounded (start and end). Text is escaped and wrapped by character count
(CJK text has no spaces to break at). The SVG carries a title and description for screen readers; the
pages show the steps as a list as well.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

WIDTH = 360
BOX_WIDTH = 280
LINE_HEIGHT = 20
PADDING = 10
GAP = 28
CHARS_PER_LINE = 13
FONT = "Noto Sans CJK SC, Microsoft YaHei, sans-serif"
STROKE = "#1f4e79"
FILL = "#eef4fa"


def wrap(text: str, width: int = CHARS_PER_LINE) -> list[str]:
    """Split ``text`` into lines of at most ``width`` characters (an ASCII letter counts as half)."""
    lines, line, used = [], "", 0.0
    for char in text:
        cost = 0.5 if ord(char) < 128 else 1.0
        if used + cost > width and line:
            lines.append(line)
            line, used = "", 0.0
        line += char
        used += cost
    if line:
        lines.append(line)
    return lines or [""]


def render(title: str, steps: list[str]) -> str:
    """The SVG document for ``steps``."""
    x = (WIDTH - BOX_WIDTH) / 2
    y = 12.0
    parts: list[str] = []
    for index, step in enumerate(steps):
        lines = wrap(f"{index + 1}. {step}")
        height = len(lines) * LINE_HEIGHT + 2 * PADDING
        rounded = 18 if index in (0, len(steps) - 1) else 4
        parts.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_WIDTH}" height="{height}" rx="{rounded}" '
                     f'fill="{FILL}" stroke="{STROKE}" stroke-width="1.5"/>')
        for n, line in enumerate(lines):
            baseline = y + PADDING + (n + 1) * LINE_HEIGHT - 5
            parts.append(f'<text x="{WIDTH / 2:.0f}" y="{baseline:.0f}" text-anchor="middle" font-size="15" '
                         f'fill="#000">{escape(line)}</text>')
        y += height
        if index < len(steps) - 1:
            mid = WIDTH / 2
            parts.append(f'<line x1="{mid:.0f}" y1="{y:.0f}" x2="{mid:.0f}" y2="{y + GAP - 8:.0f}" '
                         f'stroke="{STROKE}" stroke-width="1.5"/>')
            parts.append(f'<path d="M{mid - 6:.0f} {y + GAP - 10:.0f} L{mid:.0f} {y + GAP - 1:.0f} '
                         f'L{mid + 6:.0f} {y + GAP - 10:.0f} Z" fill="{STROKE}"/>')
            y += GAP
    total = int(y + 12)
    description = "；".join(f"第{i + 1}步 {s}" for i, s in enumerate(steps))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total}" width="{WIDTH}" '
            f'height="{total}" role="img" aria-labelledby="flow-title flow-desc" font-family="{FONT}">'
            f'<title id="flow-title">{escape(title)}运行流程图</title><desc id="flow-desc">{escape(description)}</desc>'
            + "".join(parts) + "</svg>")
