"""HTML helpers shared by every app: one sanitizer policy for rich text (HTML → text: core.extract)."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "u", "blockquote", "sup", "sub",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td", "a", "img", "span", "div",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def sanitize_html(value: str) -> str:
    """Keep only safe structural markup: no scripts, styles, event handlers or javascript: URLs."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def looks_like_html(value: str) -> bool:
    return bool(_TAG.search(value or ""))


def text_to_html(value: str) -> str:
    """Plain text to paragraphs: each non-empty line becomes one escaped <p>."""
    lines = [line.strip() for line in (value or "").splitlines()]
    return "\n".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line)


def to_safe_html(value: str) -> str:
    """Body text from any source (plain text or HTML) as sanitized HTML: plain text becomes one paragraph
    per line; HTML keeps only ALLOWED_TAGS, with script/style dropped and no event handler surviving."""
    value = (value or "").strip()
    return sanitize_html(value) if looks_like_html(value) else text_to_html(value)
