"""Helpers shared by the interaction services: permissions, numbering, deadlines, the publication check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings

from gongkai.core import querycodes, sequences
from gongkai.orgs import permissions
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability
from gongkai.pii.masking import mask
from gongkai.pii.rules import scan_text
from gongkai.pii.services import KIND_LABELS, active_sensitive_words, find_all
from gongkai.workdays.services import get_calendar

from .. import rules
from ..models.messages import QUERY_PURPOSE


def require(actor, org: Organization, capability: Capability, what: str) -> set[str]:
    """The actor's roles in ``org``; PermissionDenied naming ``what`` unless they hold ``capability`` there."""
    return permissions.require(actor, org, capability, f"您在“{org.name}”没有{what}的权限。")


def answer_workdays() -> int:
    """The answer limit in working days (GONGKAI_MESSAGE_ANSWER_WORKDAYS, default 5)."""
    return int(getattr(settings, "GONGKAI_MESSAGE_ANSWER_WORKDAYS", rules.DEFAULT_ANSWER_WORKDAYS))


def due_for(received_on: dt.date) -> tuple[dt.date, bool]:
    return rules.answer_due(received_on, answer_workdays(), get_calendar())


def new_query_code() -> tuple[str, str]:
    """A code the citizen keeps and the digest we store (core.querycodes)."""
    code = querycodes.new_code()
    return code, querycodes.make(code, purpose=QUERY_PURPOSE)


def save_numbered(obj, kind: str, day: dt.date) -> None:
    """Save ``obj`` with the next number of ``day`` (core.sequences); call inside the submission's transaction."""
    model = type(obj)
    seq = sequences.reserve(f"interaction.{kind}/{day:%Y%m%d}", taken=lambda n: model.objects.filter(
        number=rules.submission_number(kind, day, n)).exists())
    obj.number = rules.submission_number(kind, day, seq)
    obj.save()


@dataclass
class PublicationCheck:
    """The texts as they would be published, and what blocks them."""

    texts: dict[str, str]
    findings: list[dict] = field(default_factory=list)
    masked: int = 0

    @property
    def ok(self) -> bool:
        return not self.findings


class PublishBlocked(Exception):
    """Personal information or sensitive content found in text a citizen wrote; ``findings`` list them."""

    def __init__(self, findings: list[dict]):
        kinds = "、".join(sorted({f["label"] for f in findings}))
        self.message = (f"检查发现 {len(findings)} 处不宜公开的内容（{kinds}），不能公开。"
                        "请选择“遮盖个人信息后公开”，或修改答复后再试。")
        super().__init__(self.message)
        self.findings = findings


def check_for_publication(texts: dict[str, str], *, mask_pii: bool) -> PublicationCheck:
    """Scan each text; with ``mask_pii`` personal information is masked (脱敏) first.

    Secrecy markings and sensitive words cannot be masked away: they always block.
    """
    words = active_sensitive_words()
    result = PublicationCheck(dict(texts))
    for name, text in texts.items():
        if mask_pii:
            pii = scan_text(text)
            if pii:
                text = mask(text, pii)
                result.masked += len(pii)
                result.texts[name] = text
        for f in find_all(text, words):
            result.findings.append({"source": name, "kind": f.kind, "label": str(KIND_LABELS[f.kind]),
                                    "start": f.start, "end": f.end})
    return result
