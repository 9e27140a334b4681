"""Highlighting plain text in Python (PostgreSQL backend): escape everything, wrap matches in <mark>."""

from __future__ import annotations

import html
import re

DEFAULT_WIDTH = 110


def highlight(text: str, terms: list[str], *, width: int = DEFAULT_WIDTH) -> str:
    """A window of ``text`` around the first match of any term, as safe HTML.

    ``width=0`` highlights the whole text (titles). Matching is case-insensitive and literal.
    """
    text = text or ""
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.I) if words else None
    if width and len(text) > width:
        first = pattern.search(text) if pattern else None
        start = max(0, (first.start() if first else 0) - width // 4)
        end = min(len(text), start + width)
        start = max(0, end - width)
        text = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    if not pattern:
        return html.escape(text)
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        out.append("<mark>" + html.escape(m.group(0)) + "</mark>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)
