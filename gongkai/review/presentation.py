"""Review actions and scan findings as the document page shows them (no business decisions)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .rules import Action

ACTION_STYLES = {
    Action.SUBMIT: "primary",
    Action.APPROVE: "primary",
    Action.PUBLISH: "primary",
    Action.RETURN: "warning",
    Action.REJECT: "danger",
    Action.WITHDRAW: "danger",
}

FINDING_KIND_LABELS = {
    "id_card": "身份证号码",
    "mobile": "手机号码",
    "landline": "固定电话",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "secret_marking": "密级标志",
    "sensitive_word": "敏感词",
}


def _masked(kind: str, text: str) -> str:
    try:
        from gongkai.pii.masking import mask_value
    except ImportError:
        return ""
    masked = mask_value(kind, text)
    return masked if masked != text else ""


def finding_rows(findings: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings with a Chinese kind label, where they are, and the masked suggestion (if it is personal data)."""
    rows = []
    for f in findings:
        kind = str(f.get("kind", ""))
        text = str(f.get("text", ""))
        source = f.get("source") or f.get("where") or f.get("location") or "正文"
        rows.append({
            "kind": kind,
            "label": str(f.get("label") or FINDING_KIND_LABELS.get(kind, kind)),
            "text": text,
            "masked": f.get("masked") if f.get("masked") not in (None, text) else _masked(kind, text),
            "source": "正文" if source == "body" else ("标题" if source == "title" else str(source)),
            "context": f.get("context", ""),
        })
    return rows
