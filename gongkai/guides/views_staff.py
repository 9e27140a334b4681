"""Staff screens of service guides (/staff/guides/…)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.audit.services import history
from gongkai.core.forms import error_text, submit_form
from gongkai.orgs.permissions import Capability, orgs_with

from . import rules, selectors, services
from .forms import GuideForm


@login_required
def guide_list(request: HttpRequest) -> HttpResponse:
    guides = selectors.guides_for(request.user).order_by("org__position", "name")
    rows = [(g, selectors.missing(g)) for g in guides[:500]]
    return render(request, "guides/staff_list.html", {
        "rows": rows, "incomplete": sum(1 for _g, m in rows if m)})


@login_required
def guide_new(request: HttpRequest) -> HttpResponse:
    orgs = orgs_with(request.user, Capability.EDIT_GUIDE)
    org = orgs.filter(code=request.POST.get("org") or request.GET.get("org") or "").first() or orgs.first()
    if org is None:
        raise Http404("您不负责任何机构的办事指南")
    form = GuideForm(request.POST or None, initial={"power_code": request.GET.get("power", "")})

    def create(data: dict) -> HttpResponse:
        guide = services.create_guide(actor=request.user, org=org, **data)
        messages.success(request, "办事指南已保存为草稿。要素齐全后即可发布。")
        return redirect("guides:staff_detail", pk=guide.pk)

    done, status = submit_form(request, form, create)
    if done:
        return done
    return render(request, "guides/staff_form.html", {"form": form, "org": org, "orgs": orgs, "guide": None},
                  status=status)


@login_required
def guide_detail(request: HttpRequest, pk: int) -> HttpResponse:
    guide = selectors.guide_for(request.user, pk)
    form = GuideForm(request.POST or None, initial={name: getattr(guide, name) for name in services.FIELDS})

    def update(data: dict) -> HttpResponse:
        services.update_guide(actor=request.user, guide=guide, **data)
        messages.success(request, "办事指南已保存。")
        return redirect("guides:staff_detail", pk=guide.pk)

    done, status = submit_form(request, form, update)
    if done:
        return done
    return render(request, "guides/staff_form.html", {
        "form": form, "org": guide.org, "guide": guide, "missing": selectors.missing(guide),
        "key_elements": [label for _n, label in rules.KEY_ELEMENTS],
        "register": list(history(guide)),
    }, status=status)


@login_required
@require_POST
def guide_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    guide = selectors.guide_for(request.user, pk)
    try:
        if action == "publish":
            services.publish_guide(actor=request.user, guide=guide)
            messages.success(request, "办事指南已发布。")
        else:
            services.withdraw_guide(actor=request.user, guide=guide, comment=request.POST.get("comment", ""))
            messages.success(request, "办事指南已撤回。")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("guides:staff_detail", pk=guide.pk)
