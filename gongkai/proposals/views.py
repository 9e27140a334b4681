"""Staff screens (/staff/proposals/…) and public pages (/gk/<org>/proposals/…) of 建议提案办理结果."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai.audit.services import history
from gongkai.core.forms import error_text, submit_form
from gongkai.core.pagecache import public_page
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, orgs_with
from gongkai.publishing.pages import paginate, positive_int

from . import selectors, services
from .forms import RegisterForm, ReplyForm
from .models import Kind


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    orgs = orgs_with(request.user, Capability.EDIT_PROPOSALS)
    form = RegisterForm(request.POST or None, initial={"year": timezone.localdate().year})
    org = orgs.filter(code=request.POST.get("org", "")).first() if request.method == "POST" else None
    if request.method == "POST" and org is None:
        raise Http404("机构不存在")

    def register(data: dict) -> HttpResponse:
        item = services.register(actor=request.user, org=org, **data)
        return redirect("proposals:staff_detail", pk=item.pk)

    done, status = submit_form(request, form, register)
    if done:
        return done
    return render(request, "proposals/staff_list.html", {
        "items": selectors.proposals_for(request.user)[:300], "form": form, "orgs": orgs}, status=status)


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.proposal_for(request.user, pk)
    form = ReplyForm(request.POST or None, initial={"result": item.result, "reply": item.reply,
                                                    "replied_on": item.replied_on or timezone.localdate()})

    def reply(data: dict) -> HttpResponse:
        services.reply(actor=request.user, proposal=item, **data)
        messages.success(request, "答复已保存。")
        return redirect("proposals:staff_detail", pk=item.pk)

    done, status = submit_form(request, form, reply)
    if done:
        return done
    return render(request, "proposals/staff_detail.html", {
        "item": item, "form": form, "register": list(history(item))},
        status=status)


@login_required
@require_POST
def proposal_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.proposal_for(request.user, pk)
    try:
        services.publish(actor=request.user, proposal=item)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "办理结果已公开。")
    return redirect("proposals:staff_detail", pk=item.pk)


@require_safe
@public_page
def public_list(request: HttpRequest, org_code: str) -> HttpResponse:
    org = get_object_or_404(Organization, code=org_code)
    years = selectors.public_years(org)
    year = positive_int(request.GET.get("year"))
    if year not in years:
        year = None
    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        kind = ""
    return render(request, "proposals/public_list.html", {
        "org": org, "years": years, "year": year, "kind": kind, "kinds": Kind.choices,
        **paginate(request, selectors.public_proposals(org, year=year, kind=kind), 30)})


@require_safe
@public_page
def public_detail(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    org = get_object_or_404(Organization, code=org_code)
    return render(request, "proposals/public_detail.html", {"org": org, "item": selectors.public_proposal(org, pk)})
