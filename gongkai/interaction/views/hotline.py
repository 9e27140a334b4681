"""Staff screen of the hotline work orders: rates per period and unit, manual entry."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.core.forms import add_service_errors
from gongkai.orgs.permissions import Capability, org_ids_for, orgs_with

from .. import rules
from ..forms import WorkOrderForm
from ..models import WorkOrder
from ..services import hotline


def _date(raw: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else default
    except ValueError:
        return default


@login_required
def hotline_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    start = _date(request.GET.get("from"), today.replace(month=1, day=1))
    end = _date(request.GET.get("to"), today)
    period = request.GET.get("period") if request.GET.get("period") in rules.PERIODS else "month"
    entry_orgs = orgs_with(request.user, Capability.HANDLE_SUBMISSION)
    form = WorkOrderForm(request.POST or None)
    status = 200
    if request.method == "POST":
        org = entry_orgs.filter(code=request.POST.get("org")).first()
        if org is None:
            raise PermissionDenied("您不能为该机构登记热线工单。")
        if form.is_valid():
            try:
                hotline.enter_work_order(actor=request.user, org=org, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                flash.success(request, "工单已登记。")
                return redirect("interaction:staff_hotline")
        status = 400
    ids = org_ids_for(request.user)
    rows = hotline.rate_table(ids, start, end, period)
    recent = WorkOrder.objects.filter(org_id__in=ids).select_related("org")[:20]
    return render(request, "interaction/staff/hotline.html", {
        "rows": rows, "start": start, "end": end, "period": period, "periods": rules.PERIODS, "form": form,
        "orgs": entry_orgs, "recent": recent, "fmt": rules.format_rate}, status=status)
