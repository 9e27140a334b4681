"""Staff screens of the clean-up (/staff/normative/cleanup/…)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.forms import add_service_errors, error_text
from gongkai.orgs.permissions import Capability, may, org_ids_with, orgs_with

from . import rules, selectors, services_cleanup
from .forms import CampaignForm, MarkForm, PublishForm, ReviewForm
from .models import CampaignStatus, Decision, ItemStatus


def _office_orgs(user):
    return orgs_with(user, Capability.RUN_CLEANUP)


def _flash(request, exc: ValidationError) -> None:
    messages.error(request, error_text(exc))


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    offices = _office_orgs(request.user)
    form = CampaignForm(request.POST or None)
    status = 200
    if request.method == "POST":
        org = offices.filter(code=request.POST.get("org", "")).first()
        if org is None:
            form.add_error(None, "请选择您负责的组织机构。")
        elif form.is_valid():
            try:
                campaign = services_cleanup.create_campaign(actor=request.user, org=org, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "清理工作已建立。确认范围后点击“启动清理”，各单位即可报送意见。")
                return redirect("normative:cleanup_detail", pk=campaign.pk)
        status = 400
    campaigns = selectors.campaigns_for(request.user).order_by("-created_at")
    return render(request, "normative/cleanup_list.html",
                  {"campaigns": campaigns, "form": form, "offices": offices}, status=status)


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_for(request.user, pk)
    items = list(selectors.campaign_items_for(request.user, campaign))
    is_office = may(request.user, campaign.org_id, Capability.RUN_CLEANUP)
    unit_ids = org_ids_with(request.user, Capability.EDIT_NORMATIVE)
    rows = []
    for item in items:
        can_mark = item.unit_id in unit_ids and not rules.item_error(rules.ItemAction.MARK, item.status, campaign.status)
        can_review = is_office and not rules.item_error(rules.ItemAction.APPROVE, item.status, campaign.status)
        rows.append({"item": item, "can_mark": can_mark, "can_review": can_review})
    scope = []
    if campaign.status == CampaignStatus.DRAFT and is_office:
        scope = list(services_cleanup.documents_in_scope(campaign).select_related("document__org")[:500])
    return render(request, "normative/cleanup_detail.html", {
        "campaign": campaign, "rows": rows, "is_office": is_office, "scope": scope,
        "progress": rules.progress(i.status for i in items),
        "mark_form": MarkForm(), "review_form": ReviewForm(),
        "publish_form": PublishForm(initial={"published_on": timezone.localdate(),
                                             "result_note": campaign.result_note}),
        "decisions": Decision.choices, "register": selectors.register_entries(campaign) if is_office else [],
        "ItemStatus": ItemStatus,
    })


@login_required
@require_POST
def campaign_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    campaign = selectors.campaign_for(request.user, pk)
    try:
        if action == "open":
            services_cleanup.open_campaign(actor=request.user, campaign=campaign)
            messages.success(request, "清理已启动，清理范围内的文件已分送各制定单位。")
        elif action == "approve":
            services_cleanup.approve_campaign(actor=request.user, campaign=campaign)
            messages.success(request, "清理结果已审定，可以公布。")
        else:
            form = PublishForm(request.POST)
            if not form.is_valid():
                messages.error(request, "请填写有效的公布日期。")
                return redirect("normative:cleanup_detail", pk=campaign.pk)
            services_cleanup.publish_campaign(actor=request.user, campaign=campaign,
                                              published_on=form.cleaned_data["published_on"],
                                              result_note=form.cleaned_data["result_note"])
            messages.success(request, "清理结果已公布；废止、失效的文件已在原文上标注。")
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("normative:cleanup_detail", pk=campaign.pk)


@login_required
@require_POST
def item_mark(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    campaign = selectors.campaign_for(request.user, pk)
    item = selectors.campaign_item_for(request.user, campaign, item_id)
    form = MarkForm(request.POST)
    if form.is_valid():
        try:
            services_cleanup.mark_item(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, f"已报送“{item.normative.document.title}”的清理意见。")
    else:
        messages.error(request, "请选择清理意见并填写理由。")
    return redirect(f"{reverse('normative:cleanup_detail', args=[campaign.pk])}#item-{item.pk}")


@login_required
@require_POST
def item_review(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    campaign = selectors.campaign_for(request.user, pk)
    item = selectors.campaign_item_for(request.user, campaign, item_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services_cleanup.review_item(actor=request.user, item=item,
                                         approve=form.cleaned_data["verdict"] == "approve",
                                         comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, "审定意见已保存。")
    else:
        messages.error(request, "请选择审定通过或退回单位。")
    return redirect(f"{reverse('normative:cleanup_detail', args=[campaign.pk])}#item-{item.pk}")
