"""Taking in a public submission (form or API) through a database restart, counting it once.

The whole intake — validation (which reads the organization), the rate-limit decision, the write and
the queued receipt — is one function retried by ``core.dbretry.run_in_transaction``. Once the form
has validated it is not validated again (its challenge token is accepted once), and the client's
count is a row in the database (core.counters) hit inside the attempt's transaction: a failed attempt
rolls its hit back with everything else, so a submission counts once and a final 503 not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gongkai.core import ratelimit
from gongkai.core.dbretry import DatabaseUnavailable, run_in_transaction
from gongkai.core.errors import RuleViolation
from gongkai.jobs import mail

from . import services
from .models import DisclosureRequest

DB_UNAVAILABLE = "系统暂时无法保存申请（数据库不可用），本次申请未被保存，请稍后重新提交。"


@dataclass
class Intake:
    status: int  # 201 stored, 400 invalid, 429 over the limit, 503 database unavailable
    form: Any = None
    request: DisclosureRequest | None = None
    code: str = ""
    violation: RuleViolation | None = None


def receipt_text(req: DisclosureRequest, code: str) -> tuple[str, str]:
    body = (f"您向{req.org.name}提交的政府信息公开申请已收到。\n"
            f"申请编号：{req.number}\n查询码：{code}\n收到申请日期：{req.received_on.isoformat()}\n"
            + (f"答复期限：{req.due_on.isoformat()}{'（暂定）' if req.due_provisional else ''}\n" if req.due_on else "")
            + "请凭申请编号和查询码在本平台“申请查询”页面查看办理进度。查询码请妥善保管。")
    return f"政府信息公开申请回执（{req.number}）", body


def queue_receipt(req: DisclosureRequest, code: str) -> None:
    """Queue the receipt mail in the submission's transaction; it leaves after commit, once."""
    if req.email:
        subject, body = receipt_text(req, code)
        mail.queue(f"foi.receipt:{req.number}", subject, body, [req.email])


def take_in(make_form: Callable[[], Any], fields_of: Callable[[Any], dict], ip: str) -> Intake:
    state: dict[str, Any] = {}

    def attempt() -> Intake:
        if "form" not in state:
            form = make_form()
            if not form.is_valid():
                return Intake(400, form=form)
            state["form"] = form
        form = state["form"]
        if not ratelimit.allow_submission(ip):
            return Intake(429, form=form)
        try:
            req, code = services.submit_online_request(org=form.cleaned_data["org"], fields=fields_of(form),
                                                       client_ip=ip)
        except RuleViolation as exc:
            return Intake(400, form=form, violation=exc)
        queue_receipt(req, code)
        return Intake(201, form=form, request=req, code=code)

    try:
        return run_in_transaction(attempt)
    except DatabaseUnavailable:
        return Intake(503, form=state.get("form"))
