"""Staff screens of the gazette (/staff/gazette/…)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.audit.services import history
from gongkai.core.forms import add_service_errors, error_text
from gongkai.documents.models import Document

from . import rules, selectors, services
from .forms import EntryForm, IssueForm
from .models import Category, GazetteEntry


def _flash(request, exc: ValidationError) -> None:
    messages.error(request, error_text(exc))


def _gazette_org(request: HttpRequest):
    orgs = selectors.gazette_orgs_for(request.user)
    code = request.POST.get("org") or request.GET.get("org")
    org = orgs.filter(code=code).first() if code else orgs.first()
    return org, orgs


@login_required
def issue_list(request: HttpRequest) -> HttpResponse:
    org, orgs = _gazette_org(request)
    today = timezone.localdate()
    form = IssueForm(request.POST or None, initial={"year": today.year, "issue_date": today})
    status = 200
    if request.method == "POST":
        if org is None:
            raise Http404("机构不存在")
        if form.is_valid():
            try:
                issue = services.create_issue(actor=request.user, org=org, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"已新建{issue.title}，请添加文件。")
                return redirect("gazette:staff_issue", pk=issue.pk)
        status = 400
    overdue = len(selectors.overdue(org)) if org else 0
    return render(request, "gazette/staff_list.html", {
        "issues": selectors.issues_for(request.user)[:100], "form": form, "org": org, "orgs": orgs,
        "overdue": overdue}, status=status)


@login_required
def tracking(request: HttpRequest) -> HttpResponse:
    org, orgs = _gazette_org(request)
    if org is None:
        raise Http404("没有可以管理的政府公报")
    rows = selectors.tracking(org)
    summary = [(label, sum(1 for r in rows if r.state == state)) for state, label in rules.TIMELINESS_LABELS.items()]
    return render(request, "gazette/staff_tracking.html", {
        "org": org, "orgs": orgs, "rows": rows, "summary": summary, "workdays": rules.GAZETTE_WORKDAYS})


@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = selectors.issue_for(request.user, pk)
    return render(request, "gazette/staff_issue.html", {
        "issue": issue, "categories": Category.choices,
        "sections": [(dict(Category.choices)[c], entries) for c, entries in selectors.issue_sections(issue)],
        "addable": selectors.addable(issue) if issue.status == "draft" else [],
        "register": list(history(issue)),
    })


@login_required
@require_POST
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    issue = selectors.issue_for(request.user, pk)
    ids = [i for i in request.POST.getlist("document") if i.isdigit()][:200]
    if not ids:
        messages.error(request, "请选择要收录的文件。")
    added = 0
    for doc in Document.objects.filter(pk__in=ids).order_by("written_on", "pk"):
        try:
            services.add_entry(actor=request.user, issue=issue, document=doc)
            added += 1
        except ValidationError as exc:
            _flash(request, exc)
    if added:
        messages.success(request, f"已收录 {added} 件文件。")
    return redirect("gazette:staff_issue", pk=issue.pk)


@login_required
@require_POST
def entry_change(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    issue = selectors.issue_for(request.user, pk)
    entry = get_object_or_404(GazetteEntry, pk=entry_id, issue=issue)
    if request.POST.get("remove"):
        try:
            services.remove_entry(actor=request.user, entry=entry)
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, "已从本期移除。")
        return redirect("gazette:staff_issue", pk=issue.pk)
    form = EntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择栏目并填写 0–999 的排序号。")
    else:
        try:
            services.change_entry(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as exc:
            _flash(request, exc)
    return redirect("gazette:staff_issue", pk=issue.pk)


@login_required
@require_POST
def issue_publish(request: HttpRequest, pk: int) -> HttpResponse:
    issue = selectors.issue_for(request.user, pk)
    try:
        services.publish_issue(actor=request.user, issue=issue)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, f"{issue.title}已出版，整期PDF已生成。")
    return redirect("gazette:staff_issue", pk=issue.pk)
