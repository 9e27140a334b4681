"""Staff screens of the power list (/staff/powers/…)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai.audit.services import history
from gongkai.core.forms import add_service_errors, error_text

from . import importer, selectors, services
from .forms import ImportForm, ItemForm, PublishForm
from .models import ListStatus, PowerList

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    orgs = list(selectors.editable_orgs(request.user))
    lists = {}
    for pl in selectors.lists_for(request.user).exclude(status=ListStatus.SUPERSEDED):
        lists.setdefault(pl.org_id, {})[pl.status] = pl
    rows = [(org, lists.get(org.pk, {}).get(ListStatus.PUBLISHED), lists.get(org.pk, {}).get(ListStatus.DRAFT))
            for org in orgs]
    return render(request, "powers/staff_overview.html", {"rows": rows})


@login_required
@require_POST
def adjust(request: HttpRequest) -> HttpResponse:
    org = selectors.editable_orgs(request.user).filter(code=request.POST.get("org", "")).first()
    if org is None:
        raise Http404("机构不存在")
    try:
        draft = services.start_adjustment(actor=request.user, org=org)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("powers:staff_overview")
    messages.success(request, f"已开始调整（第{draft.version}版），现行清单的事项已复制过来。")
    return redirect("powers:staff_list", pk=draft.pk)


def _list_page(request, power_list: PowerList, *, item_form=None, import_form=None, publish_form=None,
               import_errors=(), status=200) -> HttpResponse:
    return render(request, "powers/staff_list.html", {
        "power_list": power_list, "items": power_list.items.all(), "is_draft": power_list.status == ListStatus.DRAFT,
        "item_form": item_form or ItemForm(), "import_form": import_form or ImportForm(),
        "publish_form": publish_form or PublishForm(initial={"published_on": timezone.localdate()}),
        "import_errors": import_errors, "register": list(history(power_list)),
    }, status=status)


@login_required
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    power_list = selectors.list_for(request.user, pk)
    if request.method != "POST":
        return _list_page(request, power_list)
    form = ItemForm(request.POST)
    if form.is_valid():
        try:
            services.save_item(actor=request.user, power_list=power_list, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "事项已添加。")
            return redirect("powers:staff_list", pk=power_list.pk)
    return _list_page(request, power_list, item_form=form, status=400)


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for(request.user, pk)
    fields = list(ItemForm.base_fields)
    form = ItemForm(request.POST or None, initial={f: getattr(item, f) for f in fields})
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("delete"):
                services.delete_item(actor=request.user, item=item)
                messages.success(request, "事项已删除。")
                return redirect("powers:staff_list", pk=item.power_list_id)
            if form.is_valid():
                services.save_item(actor=request.user, power_list=item.power_list, item=item, **form.cleaned_data)
                messages.success(request, "事项已保存。")
                return redirect("powers:staff_list", pk=item.power_list_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
        status = 400
    return render(request, "powers/staff_item.html", {"item": item, "form": form,
                                                      "flow": selectors.flow(item)}, status=status)


@login_required
@require_POST
def import_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    power_list = selectors.list_for(request.user, pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _list_page(request, power_list, import_form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        parsed = importer.parse(upload.read(importer.MAX_BYTES + 1), upload.name)
        count = services.replace_items(actor=request.user, power_list=power_list, rows=parsed.rows,
                                       source=upload.name)
    except importer.ImportFailed as exc:
        return _list_page(request, power_list, import_errors=exc.errors, status=400)
    except ValidationError as exc:
        return _list_page(request, power_list, import_errors=exc.messages, status=400)
    messages.success(request, f"已从“{upload.name}”导入 {count} 个事项，原有事项已替换。")
    return redirect("powers:staff_list", pk=power_list.pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    power_list = selectors.list_for(request.user, pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.publish(actor=request.user, power_list=power_list, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"第{power_list.version}版权责清单已公布。")
            return redirect("powers:staff_list", pk=power_list.pk)
    return _list_page(request, power_list, publish_form=form, status=400)


@login_required
@require_safe
def template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(importer.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E6%9D%83%E8%B4%A3%E6%B8%85%E5%8D%95%E6%A8%A1%E6%9D%BF.xlsx"
    return response
