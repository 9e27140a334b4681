"""POST /api/v1/requests (public submission) and GET /api/v1/requests/{number}?code= (the applicant's view).

The body is parsed here rather than by ninja so that every bad field, including malformed JSON and wrong
types, answers 400 {"errors": {field: 中文消息}} as contracts.md requires, never ninja's English 422.
"""

from __future__ import annotations

import datetime as dt
import logging

from ninja import Router, Schema
from ninja import Status as Reply

from gongkai.core import jsonbody, ratelimit
from gongkai.core.forms import error_body

from . import intake, selectors
from .api_schema import REQUEST_BODY
from .forms import ApplicationForm, first_errors
from .intake import DB_UNAVAILABLE

logger = logging.getLogger(__name__)
router = Router()


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
    outcome = intake.take_in(lambda: ApplicationForm({k: v for k, v in data.items() if v is not None}),
                             lambda form: {k: v for k, v in form.cleaned_data.items() if k != "org"}, ip)
    if outcome.violation is not None:
        return Reply(400, error_body(outcome.violation))
    if outcome.status == 400:
        return Reply(400, {"errors": first_errors(outcome.form)})
    if outcome.status == 429:
        return Reply(429, _errors(ratelimit.MESSAGE))
    if outcome.status == 503:
        logger.warning("database unavailable for the whole retry window while storing a request")
        return Reply(503, _errors(DB_UNAVAILABLE))
    req = outcome.request
    return Reply(201, {"number": req.number, "query_code": outcome.code, "received_on": req.received_on,
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
