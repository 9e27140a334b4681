"""Staff pages of disclosure on request under /staff/requests/: queues, registration, detail, actions, reply.

Every view is scoped by gongkai.orgs.selectors.org_ids_for: a county office admin sees its units'
requests, a township only its own; any other request answers 404.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.forms import add_service_errors, mark_errors
from gongkai.orgs import permissions
from gongkai.orgs.permissions import Capability, orgs_with
from gongkai.orgs.selectors import org_ids_for, roles_in
from gongkai.workdays.services import get_calendar

from . import letters, rules, selectors, services, services_clock
from .choices import ConsultationParty, FeeMethod, Status
from .forms import DisclosedFileForm, DraftReplyForm, LetterEditForm, RegisterForm, ReplyForm
from .models import Consultation, DisclosureRequest
from .rules import Action, RuleError


def scoped(request: HttpRequest, number: str) -> DisclosureRequest:
    req = selectors.requests_in(org_ids_for(request.user)).filter(number=number).first()
    if req is None:
        raise Http404("申请不存在或不在您的管辖范围内。")
    return req


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    ids = org_ids_for(request.user)
    calendar, today = get_calendar(), services.today()
    queues = selectors.queues(ids, today=today, calendar=calendar)
    sections = [(key, selectors.QUEUE_LABELS[key], list(qs[:100])) for key, qs in queues.items()]
    recent = selectors.requests_in(ids).order_by("-created_at")[:20]
    return render(request, "foi/staff/queue.html", {"sections": sections, "recent": recent, "today": today})


@login_required
def register(request: HttpRequest) -> HttpResponse:
    orgs = orgs_with(request.user, Capability.REGISTER_REQUEST)
    if not orgs.exists():
        raise Http404("您没有可登记申请的机构。")
    form = RegisterForm(request.POST or None, request.FILES or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {k: data.get(k) for k in services.APPLICANT_FIELDS}
        try:
            req, code = services.register_request(
                actor=request.user, org=data["org"], channel=data["channel"], fields=fields,
                submitted_on=data.get("submitted_on"), signed_on=data.get("signed_on"),
                confirmed_on=data.get("confirmed_on"), scan=data.get("scan"),
                backdate_reason=data.get("backdate_reason") or "")
        except RuleError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已登记，申请编号{req.number}，查询码{code}（请告知申请人，系统不再显示）。")
            return redirect("foi:staff_detail", number=req.number)
    mark_errors(form)
    return render(request, "foi/staff/register.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def detail(request: HttpRequest, number: str) -> HttpResponse:
    req = scoped(request, number)
    steps = services.steps_for(req.org)
    roles = roles_in(request.user, req.org)
    calendar = get_calendar(req.org)
    approved = services.is_approved(req, steps)
    context = {
        "req": req,
        "contact": selectors.applicant_contact(
            req, full=permissions.grants(roles, Capability.SEE_APPLICANT_IDENTITY)),
        "steps": [(s, Status(s).label) for s in steps],
        "actions": [(a, rules.action_label(a))
                    for a in rules.allowed_actions(status=req.status, steps=steps, roles=roles, approved=approved)],
        "approved": approved,
        "may_edit_letter": bool(rules.editing_roles(req.status) & roles),
        # The reply after the last step's sign-off; an on-the-spot answer only at the first steps.
        "may_reply": approved and rules.may_act(Action.REPLY, status=req.status, roles=roles),
        "may_reply_on_the_spot": (not approved and req.status in rules.ON_THE_SPOT_STEPS
                                  and rules.may_act(Action.REPLY, status=req.status, roles=roles)),
        "draft": req.letters.filter(kind="reply", issued_on__isnull=True).prefetch_related("disclosed").first(),
        "issued": letters.issued_for_applicant(req),
        "draft_form": DraftReplyForm(),
        "edit_form": LetterEditForm(),
        "file_form": DisclosedFileForm(),
        "explanation": selectors.due_explanation(req),
        "left": selectors.working_days_left(req, today=services.today(), calendar=calendar),
        "events": req.events.select_related("actor"),
        "consultations": req.consultations.all(),
        "repeats": services.find_repeats(req) if req.is_open else [],
        "reply_form": ReplyForm(initial={"replied_on": services.today()}),
        "party_kinds": ConsultationParty.choices,
        "fee_methods": FeeMethod.choices,
        "correction_deadline": (calendar.add_workdays(req.received_on, rules.CORRECTION_LIMIT_WORKDAYS)[0]
                                if req.is_open else None),
    }
    return render(request, "foi/staff/detail.html", context)


def _date(value: str, label: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RuleError(f"请填写有效的{label}（YYYY-MM-DD）。") from None


@login_required
@require_POST
def act(request: HttpRequest, number: str) -> HttpResponse:
    req = scoped(request, number)
    post, user = request.POST, request.user
    action = post.get("action", "")
    on = post.get("on") or services.today().isoformat()
    try:
        if action in (Action.ADVANCE, Action.RETURN):
            services.advance(req, actor=user, comment=post.get("comment", ""), back=action == Action.RETURN)
        elif action == Action.REQUEST_CORRECTION:
            warning = services_clock.request_correction(req, actor=user, on=_date(on, "告知日期"),
                                                  due_on=_date(post.get("due_on"), "补正期限"),
                                                  note=post.get("comment", ""))
            if warning:
                messages.warning(request, warning)
        elif action == Action.RECEIVE_CORRECTION:
            services_clock.receive_correction(req, actor=user, on=_date(on, "收到补正日期"), text=post.get("comment", ""))
        elif action == Action.START_CONSULTATION:
            services_clock.start_consultation(req, actor=user, on=_date(on, "征求意见日期"),
                                        party_kind=post.get("party_kind", ""), party_name=post.get("party_name", ""))
        elif action == Action.FINISH_CONSULTATION:
            consultation = Consultation.objects.filter(request=req, pk=post.get("consultation") or 0).first()
            if consultation is None:
                raise RuleError("请选择征求意见事项。")
            services_clock.answer_consultation(consultation, actor=user, on=_date(on, "收到答复日期"),
                                         answer=post.get("comment", ""))
        elif action == Action.EXTEND:
            services_clock.extend(req, actor=user, on=_date(on, "决定日期"), days=int(post.get("days") or 0),
                            reason=post.get("comment", ""))
        elif action == Action.ISSUE_FEE_NOTICE:
            services_clock.issue_fee_notice(req, actor=user, on=_date(on, "通知日期"), method=post.get("method", ""),
                                      pages=int(post.get("pages") or 0), pay_by=_date(post.get("pay_by"), "缴费期限"),
                                      waiver_reason=post.get("waiver_reason", ""), payment=post.get("payment", ""))
        elif action == Action.FEE_PAID:
            services_clock.fee_paid(req, actor=user, on=_date(on, "缴费日期"))
        elif action in (Action.CORRECTION_LAPSED, Action.FEE_LAPSED):
            services_clock.lapse(req, actor=user, on=_date(on, "日期"))
        elif action == Action.ARCHIVE:
            services.archive(req, actor=user)
        else:
            raise RuleError("未知的办理操作。")
    except (RuleError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", None) or "输入有误，请检查数字和日期。")
    else:
        messages.success(request, "已记录。")
    return redirect("foi:staff_detail", number=number)


@login_required
@require_POST
def reply(request: HttpRequest, number: str) -> HttpResponse:
    req = scoped(request, number)
    form = ReplyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            letters.reply(req, actor=request.user, on=data["replied_on"], outcome=data["outcome"] or None,
                          text=data["text"], withheld_notes=data["withheld_notes"],
                          transferred_to=data["transferred_to"], on_the_spot=data["on_the_spot"])
        except RuleError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已作出答复，答复书已出具。")
    else:
        messages.error(request, "；".join(f"{form.fields[k].label}：{v[0]}" for k, v in form.errors.items()))
    return redirect("foi:staff_detail", number=number)
