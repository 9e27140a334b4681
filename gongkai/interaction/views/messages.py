"""Public pages of 我要咨询/留言 and 网民纠错: thin views over forms and services."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.core import ratelimit
from gongkai.core.forms import mark_errors
from gongkai.core.pagecache import public_page
from gongkai.orgs.models import Organization
from gongkai.orgs.selectors import get_org

from .. import selectors
from ..forms import ErrorReportForm, MessageForm, TrackForm
from ..models import Message
from ..services import messages as services
from ..services.common import answer_workdays
from ..spam import RATE_MESSAGE, allow, client_ip

logger = logging.getLogger(__name__)
DONE_KEY = "interaction_done"
DB_UNAVAILABLE = "系统暂时无法保存您提交的内容，请稍后再试。您填写的内容仍在本页，未丢失。"


def _submit(request, form, family: str, store) -> tuple[object | None, int]:
    """Validate, rate-limit and store; returns (result, status). A failure re-shows the form with a new question."""
    status = 400
    try:
        if form.is_valid():
            if not allow(request, family):
                form.add_error(None, RATE_MESSAGE)
                status = 429
            else:
                return store(form.citizen_fields()), 200
    except ValidationError as exc:
        form.add_error(None, exc)
    except (OperationalError, InterfaceError):
        logger.exception("database unavailable while storing a %s", family)
        form.add_error(None, DB_UNAVAILABLE)
        status = 503
    form.reshow()
    mark_errors(form)
    return None, status


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = MessageForm(request.POST)

        def store(data):
            return services.submit_message(client_ip=client_ip(request), **data)

        result, status = _submit(request, form, "message", store)
        if result is not None:
            message, code = result
            request.session[DONE_KEY] = {"kind": "message", "number": message.number, "code": code}
            return redirect("interaction:ask_done")
    else:
        form, status = MessageForm(initial={"org": request.GET.get("org", "")}), 200
    return render(request, "interaction/ask.html", {"form": form, "workdays": answer_workdays()}, status=status)


@require_safe
def ask_done(request: HttpRequest) -> HttpResponse:
    done = request.session.get(DONE_KEY)
    if not done or done.get("kind") != "message":
        return redirect("interaction:ask")
    message = Message.objects.select_related("org").filter(number=done["number"]).first()
    return render(request, "interaction/ask_done.html", {"done": done, "message": message})


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    message, status = None, 200
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        if ratelimit.tracking_blocked(ip):
            form.add_error(None, ratelimit.TRACK_MESSAGE)
            status = 429
        elif form.is_valid():
            message = selectors.message_for_citizen(form.cleaned_data["number"], form.cleaned_data["code"])
            if message is None:
                ratelimit.record_failed_tracking(ip)
                form.add_error(None, "留言编号或查询码不正确。")
                status = 404
        else:
            status = 400
    return render(request, "interaction/track.html", {"form": form, "message": message}, status=status)


@require_safe
@public_page
def org_messages(request: HttpRequest, org_code: str) -> HttpResponse:
    org = _org(org_code)
    page = Paginator(selectors.public_messages(org), 20).get_page(request.GET.get("page"))
    return render(request, "interaction/messages.html", {"org": org, "page": page})


@require_safe
@public_page
def org_message(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    org = _org(org_code)
    return render(request, "interaction/message.html", {"org": org, "message": selectors.public_message(org, pk)})


def _org(code: str) -> Organization:
    return get_org(code)


@require_http_methods(["GET", "POST"])
def report_error(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ErrorReportForm(request.POST)

        def store(data):
            return services.submit_error_report(client_ip=client_ip(request), **data)

        report, status = _submit(request, form, "error", store)
        if report is not None:
            request.session[DONE_KEY] = {"kind": "error", "number": report.number}
            return redirect("interaction:report_error_done")
    else:
        url = request.GET.get("url", "")[:500]
        form, status = ErrorReportForm(initial={"page_url": url}), 200
    return render(request, "interaction/report_error.html", {"form": form}, status=status)


@require_safe
def report_error_done(request: HttpRequest) -> HttpResponse:
    done = request.session.get(DONE_KEY)
    if not done or done.get("kind") != "error":
        return redirect("interaction:report_error")
    from ..models import ErrorReport

    report = ErrorReport.objects.select_related("org").filter(number=done["number"]).first()
    return render(request, "interaction/report_error_done.html", {"report": report})
