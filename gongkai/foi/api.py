"""POST /api/v1/requests (public submission) and GET /api/v1/requests/{number}?code= (the applicant's view).

The body is parsed here rather than by ninja so that every bad field, including malformed JSON and wrong
types, answers 400 {"errors": {field: 中文消息}} as contracts.md requires, never ninja's English 422.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.mail import send_mail
from django.db import InterfaceError, OperationalError
from ninja import Router, Schema
from ninja import Status as Reply

from gongkai.core import jsonbody, ratelimit
from gongkai.core.errors import RuleViolation
from gongkai.core.forms import error_body

from . import selectors, services
from .api_schema import REQUEST_BODY
from .forms import ApplicationForm, first_errors

logger = logging.getLogger(__name__)
router = Router()

DB_UNAVAILABLE = "系统暂时无法保存申请（数据库不可用），本次申请未被保存，请稍后重新提交。"


class SubmittedOut(Schema):
    number: str
    query_code: str
    received_on: dt.date
    due_on: dt.date | None
    status: str


class ErrorsOut(Schema):
    errors: dict[str, str]


class CorrectionOut(Schema):
    requested_on: dt.date
    due_on: dt.date | None
    note: str
    received_on: dt.date | None


class LetterOut(Schema):
    kind: str
    title: str
    issued_on: dt.date


class StatusOut(Schema):
    number: str
    org: str
    org_name: str
    status: str
    status_label: str
    received_on: dt.date
    due_on: dt.date | None
    due_provisional: bool
    due_explanation: list[str]
    paused: bool
    extension_days: int
    correction: CorrectionOut | None
    outcome: str | None
    outcome_label: str | None
    replied_on: dt.date | None
    letters: list[LetterOut]


class NotFoundOut(Schema):
    detail: str


def _errors(message: str, field: str = "__all__") -> dict:
    return {"errors": {field: message}}


def send_receipt(req, code: str) -> None:
    """E-mail the applicant the number and query code; a mail failure never loses the request."""
    if not req.email:
        return
    body = (f"您向{req.org.name}提交的政府信息公开申请已收到。\n"
            f"申请编号：{req.number}\n查询码：{code}\n收到申请日期：{req.received_on.isoformat()}\n"
            + (f"答复期限：{req.due_on.isoformat()}{'（暂定）' if req.due_provisional else ''}\n" if req.due_on else "")
            + "请凭申请编号和查询码在本平台“申请查询”页面查看办理进度。查询码请妥善保管。")
    try:
        send_mail(f"政府信息公开申请回执（{req.number}）", body, None, [req.email])
    except Exception:  # the request is stored; the receipt page shows the same facts
        logger.exception("receipt mail for %s failed", req.number)


@router.post(
    "",
    response={201: SubmittedOut, 400: ErrorsOut, 429: ErrorsOut, 503: ErrorsOut},
    summary="提交政府信息公开申请",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
        "schema": REQUEST_BODY}}}},
)
def submit(request):
    try:
        data = jsonbody.parse(request.body or b"")
    except jsonbody.BadJSON as exc:
        return Reply(400, _errors(str(exc)))
    if not isinstance(data, dict):
        return Reply(400, _errors("请求内容应为JSON对象。"))
    bad_types = {k: "应为文本。" for k, v in data.items() if k in ApplicationForm.base_fields
                 and v is not None and not isinstance(v, str)}
    if bad_types:
        return Reply(400, {"errors": {k: f"{ApplicationForm.base_fields[k].label}{m}" for k, m in bad_types.items()}})
    ip = ratelimit.client_ip(request)
    try:
        form = ApplicationForm({k: v for k, v in data.items() if v is not None})
        if not form.is_valid():
            return Reply(400, {"errors": first_errors(form)})
        if not ratelimit.allow_submission(ip):
            return Reply(429, _errors(ratelimit.MESSAGE))
        fields = {k: v for k, v in form.cleaned_data.items() if k != "org"}
        req, code = services.submit_online_request(org=form.cleaned_data["org"], fields=fields, client_ip=ip)
    except RuleViolation as exc:
        return Reply(400, error_body(exc))
    except (OperationalError, InterfaceError):
        logger.exception("database unavailable while storing a request")
        return Reply(503, _errors(DB_UNAVAILABLE))
    send_receipt(req, code)
    return Reply(201, {"number": req.number, "query_code": code, "received_on": req.received_on,
                        "due_on": req.due_on, "status": req.status})


@router.get("/{number}", response={200: StatusOut, 404: NotFoundOut, 429: NotFoundOut}, summary="申请人查询办理进度")
def track(request, number: str, code: str = ""):
    ip = ratelimit.client_ip(request)
    if ratelimit.tracking_blocked(ip):
        return Reply(429, {"detail": ratelimit.TRACK_MESSAGE})
    req = selectors.find_for_applicant(number, code)
    if req is None:
        ratelimit.record_failed_tracking(ip)
        return Reply(404, {"detail": "申请编号或查询码不正确。"})
    return Reply(200, selectors.applicant_view(req))
