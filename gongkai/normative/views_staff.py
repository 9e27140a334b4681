"""Staff screens of the normative register (/staff/normative/…): thin, over selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.forms import add_service_errors
from gongkai.orgs.permissions import Capability, may, orgs_with

from . import compilation, rules, selectors, services
from .forms import DetailsForm, LifecycleForm, RegisterForm
from .models import Lifecycle


def _staff_of(document):
    return get_user_model().objects.filter(memberships__org=document.org, is_active=True).distinct().order_by("username")


def _page(request: HttpRequest, qs, size: int = 50):
    try:
        number = max(int(request.GET.get("page") or 1), 1)
    except ValueError:
        number = 1
    paginator = Paginator(qs, size)
    return paginator.get_page(number)


@login_required
def normative_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()[:100]
    expiring = request.GET.get("expiring") == "1"
    page = _page(request, selectors.staff_list(request.user, status=status, q=q, expiring=expiring))
    today = timezone.localdate()
    rows = [(item, rules.EXPIRY_LABELS[rules.expiry_state(item.lifecycle, item.valid_until, today)])
            for item in page.object_list]
    return render(request, "normative/staff_list.html", {
        "page": page, "rows": rows, "status": status, "q": q, "expiring": expiring,
        "statuses": Lifecycle.choices, "orgs": orgs_with(request.user, Capability.EDIT_NORMATIVE),
        "open_items": selectors.open_items_for(request.user).count(),
    })


@login_required
def register(request: HttpRequest) -> HttpResponse:
    candidates = selectors.registrable_documents(request.user)
    raw = request.POST.get("document") or request.GET.get("document") or ""
    document = candidates.filter(pk=raw).first() if raw.isdigit() else None
    if document is None:
        q = request.GET.get("q", "").strip()[:100]
        if q:
            candidates = candidates.filter(Q(title__icontains=q) | Q(doc_number__icontains=q)
                                           | Q(index_number__icontains=q))
        ordered = candidates.order_by("-genre", "-published_on", "-pk")
        return render(request, "normative/staff_register_pick.html", {"page": _page(request, ordered, 30), "q": q})
    form = RegisterForm(request.POST or None, staff=_staff_of(document),
                        initial={"document": document.pk, "registration_number": document.unified_number,
                                 "effective_from": document.written_on})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "document"}
            try:
                item = services.register(actor=request.user, document=document, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "已登记为行政规范性文件。")
                return redirect("normative:staff_detail", pk=item.pk)
        status = 400
    return render(request, "normative/staff_register.html", {"form": form, "document": document}, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.normative_item_for(request.user, pk)
    initial = {name: getattr(item, name) for name in services.FIELDS if name != "registration_number"}
    initial["registration_number"] = item.document.unified_number
    form = DetailsForm(request.POST or None, staff=_staff_of(item.document), initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update(actor=request.user, normative=item, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "登记信息已保存。")
                return redirect("normative:staff_detail", pk=item.pk)
        status = 400
    return _detail(request, item, form=form, status=status)


def _detail(request, item, *, form=None, lifecycle_form=None, status=200) -> HttpResponse:
    today = timezone.localdate()
    return render(request, "normative/staff_detail.html", {
        "item": item, "doc": item.document,
        "form": form or DetailsForm(staff=_staff_of(item.document)),
        "lifecycle_form": lifecycle_form or LifecycleForm(initial={"effective_on": today}),
        "actions": rules.actions_for(item.lifecycle),
        "expiry": rules.EXPIRY_LABELS[rules.expiry_state(item.lifecycle, item.valid_until, today)],
        "events": selectors.history(item), "register": selectors.register_entries(item),
    }, status=status)


@login_required
@require_POST
def lifecycle(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.normative_item_for(request.user, pk)
    form = LifecycleForm(request.POST, basis_queryset=selectors.basis_choices(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.change_lifecycle(actor=request.user, normative=item, action=data["action"],
                                      effective_on=data["effective_on"], by_document=data["by_document"],
                                      reason=data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "效力状态已更新，文件页面已同步标注。")
            return redirect("normative:staff_detail", pk=item.pk)
    return _detail(request, item, lifecycle_form=form, status=400)


@login_required
def expiring(request: HttpRequest) -> HttpResponse:
    rows = selectors.expiring_for(request.user)
    return render(request, "normative/staff_expiring.html", {
        "rows": rows, "months": rules.EXPIRY_WARNING_MONTHS,
        "lapsed": sum(1 for r in rows if r.state == rules.ExpiryState.LAPSED),
    })


@login_required
@require_POST
def compile_now(request: HttpRequest) -> HttpResponse:
    """Rebuild an organization's compilation now (both formats), for a unit the user works in."""
    code = request.POST.get("org", "")
    org = orgs_with(request.user, Capability.EDIT_NORMATIVE).filter(code=code).first()
    if org is None or not may(request.user, org, Capability.EDIT_NORMATIVE):
        raise Http404("机构不存在")
    try:
        counts = [compilation.compiled(org, fmt, rebuild=True).count for fmt in compilation.FORMATS]
    except compilation.NotReady:
        messages.error(request, "该机构的汇编正在生成中，请稍后再试。")
        return redirect("normative:staff_list")
    messages.success(request, f"已重新生成“{org.name}”现行有效规范性文件汇编（{counts[0]}件，PDF 和 Word）。")
    return redirect("normative:staff_list")
