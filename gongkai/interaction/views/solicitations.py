"""意见征集 pages: the public list, draft, comment form and feedback; the staff screens to run a consultation."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.audit.services import history
from gongkai.core.forms import add_service_errors, mark_errors
from gongkai.core.html import sanitize_html
from gongkai.documents.selectors import editor_orgs
from gongkai.orgs.selectors import get_org, org_ids_for

from .. import rules
from ..forms import CommentForm, FeedbackForm, SolicitationForm
from ..models import Comment, CommentStatus, Solicitation
from ..services import solicitations as services
from ..services.common import PublishBlocked
from ..spam import RATE_MESSAGE, allow, client_ip


def _phase(item: Solicitation) -> str:
    return rules.solicitation_phase(item.starts_on, item.ends_on, timezone.localdate())


def org_list(request: HttpRequest, org_code: str) -> HttpResponse:
    org = get_org(org_code)
    items = list(Solicitation.objects.filter(org=org, published=True))
    for item in items:
        item.phase_label = rules.PHASE_LABELS[_phase(item)]
    return render(request, "interaction/solicitations.html", {"org": org, "items": items})


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    org = get_org(org_code)
    item = get_object_or_404(Solicitation, org=org, pk=pk, published=True)
    phase, status = _phase(item), 200
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        status = 400
        try:
            if form.is_valid():
                if not allow(request, "comment"):
                    form.add_error(None, RATE_MESSAGE)
                    status = 429
                else:
                    services.submit_comment(solicitation=item, client_ip=client_ip(request), **form.citizen_fields())
                    flash.success(request, "您的意见已提交，经审核后公开。感谢您的参与！")
                    return redirect(item.get_absolute_url())
        except ValidationError as exc:
            form.add_error(None, exc)
        form.reshow()
        mark_errors(form)
    comments = list(item.comments.filter(status=CommentStatus.APPROVED))
    summary = rules.adoption_summary(item.comments.values_list("status", "adopted"))
    return render(request, "interaction/solicitation.html", {
        "org": org, "item": item, "phase": phase, "phase_label": rules.PHASE_LABELS[phase], "form": form,
        "comments": comments, "summary": summary,
        "body": mark_safe(sanitize_html(item.body)),  # noqa: S308 - sanitized on save and again here
        "feedback": mark_safe(sanitize_html(item.feedback)),  # noqa: S308
    }, status=status)


# --- staff ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def staff_list(request: HttpRequest) -> HttpResponse:
    orgs = editor_orgs(request.user)
    form = SolicitationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        org = orgs.filter(code=request.POST.get("org")).first()
        if org is None:
            raise PermissionDenied("您不能在该机构发起意见征集。")
        if form.is_valid():
            try:
                item = services.create_solicitation(actor=request.user, org=org, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                flash.success(request, "意见征集已创建，发布后公众即可查看。")
                return redirect("interaction:staff_solicitation", pk=item.pk)
        status = 400
    items = Solicitation.objects.filter(org_id__in=org_ids_for(request.user)).select_related("org")
    return render(request, "interaction/staff/solicitations.html",
                  {"items": items, "form": form, "orgs": orgs}, status=status)


def _staff_item(user, pk: int) -> Solicitation:
    try:
        return Solicitation.objects.select_related("org").get(pk=pk, org_id__in=org_ids_for(user))
    except Solicitation.DoesNotExist as exc:
        raise Http404("意见征集不存在") from exc


@login_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _staff_item(request.user, pk)
    comments = list(item.comments.all())
    return render(request, "interaction/staff/solicitation.html", {
        "item": item, "comments": comments, "phase_label": rules.PHASE_LABELS[_phase(item)],
        "summary": rules.adoption_summary((c.status, c.adopted) for c in comments),
        "feedback_form": FeedbackForm(), "history": history(item)})


@login_required
@require_POST
def staff_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = _staff_item(request.user, pk)
    comment = None
    if "comment" in request.POST:
        comment = get_object_or_404(Comment, pk=request.POST["comment"], solicitation=item)
    try:
        if action == "publish":
            services.publish_solicitation(actor=request.user, solicitation=item)
        elif action in ("approve", "hide") and comment:
            services.moderate_comment(actor=request.user, comment=comment, approve=action == "approve",
                                      note=request.POST.get("note", ""), mask_pii=request.POST.get("mask") == "on")
        elif action in ("adopt", "reject") and comment:
            services.decide_adoption(actor=request.user, comment=comment, adopted=action == "adopt",
                                     note=request.POST.get("note", ""))
        elif action == "feedback":
            services.publish_feedback(actor=request.user, solicitation=item, text=request.POST.get("feedback", ""))
        else:
            raise ValidationError("未知的操作。")
    except PublishBlocked as exc:
        flash.error(request, exc.message)
    except ValidationError as exc:
        flash.error(request, "；".join(exc.messages))
    else:
        flash.success(request, "已保存。")
    return redirect("interaction:staff_solicitation", pk=item.pk)
