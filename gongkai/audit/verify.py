"""Walking the register's hash chain, and anchors that pin its head outside the database.

``verify()`` reads every entry in chain order and reports each broken place once: a changed entry
(its hash no longer matches its content), a broken link (its ``prev_hash`` is not the previous entry's
hash), missing places (deleted entries), an entry dated before its predecessor (a back-dated insert),
and, against anchors, a chain that is shorter than an anchor says (truncated) or whose entry at an
anchored place has another hash (rewritten). An anchor is one JSON line ``{"seq", "hash", "at",
"written"}`` appended to a file the operator copies elsewhere, and logged.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .chain import GENESIS, entry_hash, head, values_of
from .models import AuditEntry, ChainCheck

logger = logging.getLogger("gongkai.audit.anchor")


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    at: str = ""
    written: str = ""


@dataclass
class Report:
    entries: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    anchors_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        anchors = f"，核对锚点{self.anchors_checked}个" if self.anchors_checked else ""
        if self.intact:
            return f"登记簿完好：{self.entries}条，链头第{self.head_seq}条 {self.head_hash[:16]}{anchors}。"
        return f"登记簿已被篡改：发现{len(self.problems)}处问题，共{self.entries}条{anchors}。"


def _when(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")


def walk(report: Report, wanted: set[int], *, chunk_size: int = 2000) -> dict[int, str]:
    """Check every link; returns {seq: hash} of the entries at the ``wanted`` (anchored) places."""
    hashes: dict[int, str] = {}
    expected_seq, prev_hash, prev_at = 1, GENESIS, None
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=chunk_size):
        report.entries += 1
        where = f"第{entry.seq}条（编号{entry.pk}，{_when(entry.at)}，{entry.action}）"
        if entry.seq > expected_seq:
            gap = f"第{expected_seq}条" if entry.seq == expected_seq + 1 else f"第{expected_seq}–{entry.seq - 1}条"
            report.problems.append(f"{gap}缺失：条目被删除。")
        elif entry.prev_hash != prev_hash:
            report.problems.append(f"{where}与前一条的链接断开：之前的条目被改写或此条为插入的条目。")
        if entry_hash(values_of(entry), entry.prev_hash) != entry.hash:
            report.problems.append(f"{where}内容与其哈希不符：条目被修改。")
        if prev_at is not None and entry.at < prev_at:
            report.problems.append(f"{where}的时间早于前一条（{_when(prev_at)}）：倒签插入的条目。")
        if entry.seq in wanted:
            hashes[entry.seq] = entry.hash
        expected_seq, prev_hash, prev_at = entry.seq + 1, entry.hash, entry.at
    report.head_seq, report.head_hash = expected_seq - 1, prev_hash
    return hashes


def check_anchors(report: Report, hashes: dict[int, str], anchors: list[Anchor]) -> None:
    for anchor in anchors:
        report.anchors_checked += 1
        label = f"锚点（{anchor.written or anchor.at}，第{anchor.seq}条）"
        if anchor.seq > report.head_seq:
            report.problems.append(f"{label}：登记簿现只有{report.head_seq}条，之后的条目被截断。")
        elif anchor.seq and hashes.get(anchor.seq) not in (None, anchor.hash):
            report.problems.append(f"{label}：该条哈希与锚点不符，登记簿在锚点之前被整体改写。")


def verify(anchors: list[Anchor] | None = None, *, save: bool = True) -> Report:
    """Walk the chain in one consistent snapshot and compare it with ``anchors``; record the outcome."""
    report, anchors = Report(), anchors or []
    with transaction.atomic():
        hashes = walk(report, {anchor.seq for anchor in anchors})
    check_anchors(report, hashes, anchors)
    if save:
        ChainCheck.objects.create(
            intact=report.intact, entries=report.entries, head_hash=report.head_hash,
            anchors_checked=report.anchors_checked, problems=report.problems,
        )
    return report


# --- anchors -----------------------------------------------------------------------------------------


def anchor_file() -> Path:
    return Path(getattr(settings, "GONGKAI_AUDIT_ANCHOR_FILE", settings.VAR_DIR / "audit-anchors.jsonl"))


def read_anchors(path: Path) -> list[Anchor]:
    """Anchors in ``path``; a line that is not an anchor raises ValueError naming its line number."""
    anchors = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            anchors.append(Anchor(int(item["seq"]), str(item["hash"]), str(item.get("at", "")), str(item.get("written", ""))))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"锚点文件第{lineno}行不是有效的锚点") from exc
    return anchors


def write_anchor(path: Path | None = None) -> Anchor:
    """Append the current chain head to the anchor file and to the log."""
    seq, digest, at = head()
    anchor = Anchor(seq, digest, at.isoformat() if at else "", timezone.now().isoformat(timespec="seconds"))
    path = path or anchor_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(anchor.__dict__, ensure_ascii=False) + "\n")
    logger.info("register anchor seq=%s hash=%s at=%s", anchor.seq, anchor.hash, anchor.at)
    return anchor
