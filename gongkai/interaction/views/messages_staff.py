"""Staff screens of 咨询留言 and 网民纠错 (/staff/interaction/…): queues with deadlines, assign, answer, publish."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.audit.services import history
from gongkai.orgs.permissions import Capability, holders, may

from .. import selectors
from ..forms import AnswerForm, AssignForm, InvalidForm, PublishForm
from ..models import ErrorReport, Message
from ..services import messages as services
from ..services.common import PublishBlocked

KINDS = {
    "messages": (Message, "咨询留言"),
    "errors": (ErrorReport, "网民纠错"),
}
STATES = [("open", "待办"), ("overdue", "已逾期"), ("answered", "已答复"), ("invalid", "无效"), ("", "全部")]


def _handlers(org):
    ids = holders(org, Capability.HANDLE_SUBMISSION).values_list("user_id", flat=True)
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


@login_required
def queue(request: HttpRequest, kind: str) -> HttpResponse:
    model, title = KINDS[kind]
    state = request.GET.get("state", "open")
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.queue_for(request.user, model, state=state, q=q), 30).get_page(request.GET.get("page"))
    items = selectors.annotate_queue(page.object_list)
    overdue = selectors.queue_for(request.user, model, state="overdue").count()
    return render(request, "interaction/staff/queue.html", {
        "kind": kind, "title": title, "page": page, "items": items, "state": state, "states": STATES, "q": q,
        "overdue": overdue})


@login_required
def item_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model, title = KINDS[kind]
    item = selectors.item_for(request.user, model, pk)
    selectors.annotate_queue([item])
    return render(request, "interaction/staff/item.html", {
        "kind": kind, "title": title, "item": item, "is_message": model is Message,
        "assign_form": AssignForm(users=_handlers(item.org), initial={"assignee": item.assignee_id}),
        "answer_form": AnswerForm(initial={"answer": item.answer}), "invalid_form": InvalidForm(),
        "publish_form": PublishForm(), "findings": request.session.pop("interaction_findings", None),
        "history": history(item),
        # buttons only for roles that may use them (a handler saw 「公开」 and got 「无权访问」)
        "may_publish": may(request.user, item.org, Capability.PUBLISH_PARTICIPATION),
        "may_assign": may(request.user, item.org, Capability.ASSIGN_SUBMISSION)})


def _done(request, kind, item, ok: str, exc: Exception | None):
    if exc is None:
        flash.success(request, ok)
    elif isinstance(exc, PublishBlocked):
        flash.error(request, exc.message)
        request.session["interaction_findings"] = [
            {"source": f["source"], "label": f["label"]} for f in exc.findings]
    else:
        flash.error(request, "；".join(exc.messages))
    return redirect("interaction:staff_item", kind=kind, pk=item.pk)


@login_required
@require_POST
def item_action(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    model, _title = KINDS[kind]
    item = selectors.item_for(request.user, model, pk)
    exc: Exception | None = None
    try:
        if action == "assign":
            form = AssignForm(request.POST, users=_handlers(item.org))
            if not form.is_valid():
                raise ValidationError(form.errors["assignee"][0])
            services.assign(actor=request.user, item=item, assignee=form.cleaned_data["assignee"])
            ok = "已分办。"
        elif action == "answer":
            form = AnswerForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors["answer"][0])
            services.answer(actor=request.user, item=item, text=form.cleaned_data["answer"])
            ok = "答复已保存。"
        elif action == "invalid":
            form = InvalidForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors["reason"][0])
            services.mark_invalid(actor=request.user, item=item, reason=form.cleaned_data["reason"])
            ok = "已认定为无效，记录已保留。"
        elif action == "publish" and model is Message:
            services.publish_message(actor=request.user, message=item, mask_pii=request.POST.get("mask") == "on")
            ok = "留言和答复已公开。"
        elif action == "unpublish" and model is Message:
            services.unpublish_message(actor=request.user, message=item, reason=request.POST.get("reason", ""))
            ok = "已撤下公开。"
        else:
            raise ValidationError("未知的操作。")
    except (ValidationError, PublishBlocked) as error:
        exc, ok = error, ""
    return _done(request, kind, item, ok, exc)
