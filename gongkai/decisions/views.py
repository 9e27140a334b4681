"""Staff screens (/staff/decisions/…) and public pages (/gk/<org>/decisions/…) of the decision catalog."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from gongkai.audit.services import history
from gongkai.core.forms import error_text, submit_form
from gongkai.core.pagecache import public_page
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, orgs_with

from . import selectors, services
from .forms import CatalogForm, ItemForm, LinkForm, StageForm


def _flash(request, exc: ValidationError) -> None:
    messages.error(request, error_text(exc))


@login_required
def catalog_list(request: HttpRequest) -> HttpResponse:
    orgs = orgs_with(request.user, Capability.EDIT_DECISIONS)
    form = CatalogForm(request.POST or None)
    org = orgs.filter(code=request.POST.get("org", "")).first() if request.method == "POST" else None
    if request.method == "POST" and org is None:
        raise Http404("机构不存在")

    def create(data: dict) -> HttpResponse:
        catalog = services.create_catalog(actor=request.user, org=org, **data)
        return redirect("decisions:staff_catalog", pk=catalog.pk)

    done, status = submit_form(request, form, create)
    if done:
        return done
    return render(request, "decisions/staff_list.html", {
        "catalogs": selectors.catalogs_for(request.user), "form": form, "orgs": orgs}, status=status)


@login_required
def catalog_detail(request: HttpRequest, pk: int) -> HttpResponse:
    catalog = selectors.catalog_for(request.user, pk)
    form = ItemForm(request.POST or None)

    def add(data: dict) -> HttpResponse:
        services.save_item(actor=request.user, catalog=catalog, **data)
        messages.success(request, "决策事项已添加。")
        return redirect("decisions:staff_catalog", pk=catalog.pk)

    done, status = submit_form(request, form, add)
    if done:
        return done
    return render(request, "decisions/staff_catalog.html", {
        "catalog": catalog, "views": selectors.item_views(catalog), "form": form,
        "register": list(history(catalog))}, status=status)


@login_required
@require_POST
def catalog_publish(request: HttpRequest, pk: int) -> HttpResponse:
    catalog = selectors.catalog_for(request.user, pk)
    try:
        services.publish_catalog(actor=request.user, catalog=catalog)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, f"{catalog.year}年度重大行政决策事项目录已公布。")
    return redirect("decisions:staff_catalog", pk=catalog.pk)


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for(request.user, pk)
    form = ItemForm(request.POST or None, initial={f: getattr(item, f) for f in services.ITEM_FIELDS})

    def save(data: dict) -> HttpResponse:
        services.save_item(actor=request.user, catalog=item.catalog, item=item, **data)
        messages.success(request, "决策事项已保存。")
        return redirect("decisions:staff_item", pk=item.pk)

    done, status = submit_form(request, form, save)
    if done:
        return done
    view = next(v for v in selectors.item_views(item.catalog) if v.item.pk == item.pk)
    return render(request, "decisions/staff_item.html", {
        "item": item, "view": view, "form": form, "stage_form": StageForm(), "link_form": LinkForm()}, status=status)


@login_required
@require_POST
def item_stage(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for(request.user, pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择程序和状态，日期格式为 YYYY-MM-DD。")
    else:
        try:
            services.set_stage(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, "决策程序已登记。")
    return redirect("decisions:staff_item", pk=item.pk)


@login_required
@require_POST
def item_link(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for(request.user, pk)
    value = (request.POST.get("document") or "").strip()
    document = selectors.published_document(item.catalog.org, value)
    if document is None:
        messages.error(request, "没有找到该索引号或发文字号的已发布文件。")
    else:
        try:
            services.link_decision(actor=request.user, item=item, document=document)
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, "已关联决策文件。")
    return redirect("decisions:staff_item", pk=item.pk)


@require_safe
@public_page
def public_index(request: HttpRequest, org_code: str) -> HttpResponse:
    org = get_object_or_404(Organization, code=org_code)
    catalogs = list(selectors.public_catalogs(org))
    if catalogs:
        return _catalog_page(request, org, catalogs[0])
    return render(request, "decisions/public_catalog.html", {"org": org, "catalog": None, "catalogs": []})


@require_safe
@public_page
def public_year(request: HttpRequest, org_code: str, year: int) -> HttpResponse:
    org = get_object_or_404(Organization, code=org_code)
    return _catalog_page(request, org, selectors.public_catalog(org, year))


def _catalog_page(request: HttpRequest, org: Organization, catalog) -> HttpResponse:
    return render(request, "decisions/public_catalog.html", {
        "org": org, "catalog": catalog, "views": selectors.item_views(catalog),
        "catalogs": selectors.public_catalogs(org), "stage_labels": selectors.STAGE_LABELS})
