"""Background work in the demo: a mail that could not be sent, waiting on the administrator's screen."""

from __future__ import annotations

from gongkai.jobs import Permanent, task


@task(label="发送答复通知邮件（演示）", max_attempts=1)
def unreachable_mail_server(number: str) -> None:
    """Fails as a real delivery does when the county's mail relay is down (the demo has no relay)."""
    raise Permanent(f"无法连接邮件服务器 smtp.yishui.gov.cn:25（连接被拒绝），申请 {number} 的答复通知未发出")


def build_jobs() -> None:
    """Run the failing delivery once through the real runner, so /staff/jobs/admin/ shows it with a retry."""
    from gongkai.jobs.runner import execute

    result = unreachable_mail_server.enqueue("2026-000017")
    execute(result.id)
