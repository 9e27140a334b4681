"""The daily check of the register's hash chain (`gongkai audit verify --write-anchor` as a task)."""

from __future__ import annotations

import logging

from gongkai.audit import verify as chain
from gongkai.jobs import task

logger = logging.getLogger(__name__)


@task(label="校验登记簿哈希链并写入锚点", key="audit.verify:{period}", max_attempts=3)
def verify_register(period: str) -> dict:
    """Walk the chain against the configured anchor file; anchor the head when intact.

    The outcome is kept as an audit.ChainCheck row, which the system administrator's screen shows; a
    broken chain is a finding, not a task failure, so it is not retried.
    """
    path = chain.anchor_file()
    report = chain.verify(chain.read_anchors(path) if path.exists() else [])
    if report.intact:
        chain.write_anchor(path)
    else:
        logger.error("register verification found %d problems: %s", len(report.problems), report.problems[:5])
    return {"intact": report.intact, "entries": report.entries, "problems": len(report.problems)}
